package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Objects;

/** A tenant: every inbox, key, domain and webhook belongs to exactly one organization. */
public record Organization(String id, String name, Instant createdAt, Instant updatedAt) {
    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
