package dev.agentmail.api.dto;

import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Webhook;

import java.time.Instant;
import java.util.List;

/** A webhook as lists and reads show it: without its secret. */
public record WebhookResponse(String webhookId, String url, List<String> eventTypes, List<String> inboxIds,
                              boolean enabled, String clientId, Instant createdAt, Instant updatedAt) {
    public static WebhookResponse of(Webhook webhook) {
        return new WebhookResponse(webhook.id(), webhook.url(), wireNames(webhook.eventTypes()), webhook.inboxIds(),
            webhook.enabled(), webhook.clientId().orElse(null), webhook.createdAt(), webhook.updatedAt());
    }

    static List<String> wireNames(List<EventType> types) {
        return types.stream().map(EventType::wireName).toList();
    }
}
