package dev.agentmail.api.dto;

import dev.agentmail.domain.model.Webhook;

import java.time.Instant;
import java.util.List;

/** The answer to creating a webhook: the only one that shows its signing secret. */
public record CreatedWebhookResponse(String webhookId, String url, List<String> eventTypes, List<String> inboxIds,
                                     boolean enabled, String clientId, String secret, Instant createdAt,
                                     Instant updatedAt) {
    public static CreatedWebhookResponse of(Webhook webhook) {
        return new CreatedWebhookResponse(webhook.id(), webhook.url(), WebhookResponse.wireNames(webhook.eventTypes()),
            webhook.inboxIds(), webhook.enabled(), webhook.clientId().orElse(null), webhook.secret(),
            webhook.createdAt(), webhook.updatedAt());
    }
}
