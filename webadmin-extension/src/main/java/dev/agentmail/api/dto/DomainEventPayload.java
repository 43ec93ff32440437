package dev.agentmail.api.dto;

import java.time.Instant;

/** The body of {@code domain.verified}: the domain as its GET shows it. */
public record DomainEventPayload(String eventId, String eventType, Instant createdAt, DomainResponse domain) {
}
