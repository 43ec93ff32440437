package dev.agentmail.api.dto;

import dev.agentmail.domain.model.WebhookDelivery;

import java.time.Instant;

/** One event's delivery to one webhook: {@code status} is pending, delivered, failed or cancelled. */
public record WebhookDeliveryResponse(String deliveryId, String webhookId, String eventId, String eventType,
                                      String status, int attempts, Integer lastStatusCode, String lastError,
                                      Instant lastAttemptAt, Instant nextAttemptAt, Instant createdAt) {
    public static WebhookDeliveryResponse of(WebhookDelivery delivery) {
        return new WebhookDeliveryResponse(delivery.id(), delivery.webhookId(), delivery.eventId(),
            delivery.eventType().wireName(), delivery.state().wireName(), delivery.attempts(),
            delivery.lastStatusCode().orElse(null), delivery.lastError().orElse(null),
            delivery.lastAttemptAt().orElse(null), delivery.nextAttemptAt().orElse(null), delivery.createdAt());
    }
}
