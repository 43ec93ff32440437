package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Webhook;

import java.util.List;
import java.util.Optional;

public interface WebhookRepository {
    void create(Webhook webhook);

    Optional<Webhook> find(String organizationId, String webhookId);

    /** Newest first. */
    Page<Webhook> list(String organizationId, PageRequest pageRequest);

    /** The webhooks an event of this organization may go to. */
    List<Webhook> listEnabled(String organizationId);

    long count(String organizationId);

    /** Stores url, event types, inbox ids, enabled and updated_at. */
    void update(Webhook webhook);

    /** Deletes the webhook with its deliveries. @return whether a webhook of this organization was deleted */
    boolean delete(String organizationId, String webhookId);
}
