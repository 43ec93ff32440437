package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored API key. Only the SHA-256 hash of the secret is kept; {@code prefix} is the short, non-secret
 * part shown in listings so that a person can tell keys apart; {@code scope} is what the key reaches.
 */
public record ApiKey(String id, String organizationId, String name, String prefix, String secretHash,
                     KeyScope scope, Optional<Instant> usedAt, Instant createdAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public ApiKey withUsedAt(Instant used) {
        return new ApiKey(id, organizationId, name, prefix, secretHash, scope, Optional.of(used), createdAt);
    }
}
