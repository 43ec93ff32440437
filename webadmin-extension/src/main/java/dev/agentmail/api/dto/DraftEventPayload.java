package dev.agentmail.api.dto;

import java.time.Instant;

/** The body of the {@code draft.*} events: the draft as its GET shows it, after the change. */
public record DraftEventPayload(String eventId, String eventType, Instant createdAt, DraftResponse draft) {
}
