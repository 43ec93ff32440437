package dev.agentmail.api.dto;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.service.CreatedApiKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Like {@link ApiKeyResponse} plus {@code key}, the full secret: this response is the only place it appears. */
public record CreatedApiKeyResponse(String keyId, String name, String prefix, String key, List<String> inboxIds,
                                    List<String> permissions, Optional<Instant> usedAt, Instant createdAt) {
    public static CreatedApiKeyResponse of(CreatedApiKey created) {
        ApiKey key = created.apiKey();
        return new CreatedApiKeyResponse(key.id(), key.name(), key.prefix(), created.secret(),
            ApiKeyResponse.inboxIds(key.scope()), ApiKeyResponse.permissions(key.scope()), key.usedAt(),
            key.createdAt());
    }
}
