package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Optional;

/** The delivery of one event to one webhook: its state, how many attempts were made, and what the last one got. */
public record WebhookDelivery(String id, String webhookId, String eventId, EventType eventType, State state,
                              int attempts, Optional<Integer> lastStatusCode, Optional<String> lastError,
                              Optional<Instant> lastAttemptAt, Optional<Instant> nextAttemptAt, Instant createdAt) {
    public enum State {
        /** Waiting for its next attempt. */
        PENDING,
        /** A 2xx answer was received. */
        DELIVERED,
        /** Every attempt of the retry schedule failed. */
        FAILED,
        /** The webhook was disabled before the delivery succeeded. */
        CANCELLED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
