package dev.agentmail.api.dto;

import dev.agentmail.domain.service.CreatedApiKey;

import java.time.Instant;
import java.util.Optional;

/** Like {@link ApiKeyResponse} plus {@code key}, the full secret: this response is the only place it appears. */
public record CreatedApiKeyResponse(String keyId, String name, String prefix, String key, Optional<Instant> usedAt,
                                    Instant createdAt) {
    public static CreatedApiKeyResponse of(CreatedApiKey created) {
        return new CreatedApiKeyResponse(created.apiKey().id(), created.apiKey().name(), created.apiKey().prefix(),
            created.secret(), created.apiKey().usedAt(), created.apiKey().createdAt());
    }
}
