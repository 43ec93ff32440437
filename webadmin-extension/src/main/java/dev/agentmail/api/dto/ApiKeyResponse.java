package dev.agentmail.api.dto;

import dev.agentmail.domain.model.ApiKey;

import java.time.Instant;
import java.util.Optional;

public record ApiKeyResponse(String keyId, String name, String prefix, Optional<Instant> usedAt, Instant createdAt) {
    public static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(key.id(), key.name(), key.prefix(), key.usedAt(), key.createdAt());
    }
}
