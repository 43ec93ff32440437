package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored API key. Only the SHA-256 hash of the secret is kept; {@code prefix} is the short, non-secret
 * part shown in listings so that a person can tell keys apart.
 */
public record ApiKey(String id, String organizationId, String name, String prefix, String secretHash,
                     Optional<Instant> usedAt, Instant createdAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
