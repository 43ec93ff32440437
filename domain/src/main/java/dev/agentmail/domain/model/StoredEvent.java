package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as the outbox keeps it: its JSON payload rendered once, so every delivery and every stream reader sees
 * the same bytes, even after the message changes or is deleted. {@code sequence} orders the events of the outbox.
 */
public record StoredEvent(long sequence, String id, String organizationId, EventType type, Optional<String> inboxId,
                          String payload, Instant createdAt) {
    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
