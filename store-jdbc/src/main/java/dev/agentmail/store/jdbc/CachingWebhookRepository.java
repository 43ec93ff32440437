package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.store.WebhookRepository;

import javax.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the webhooks each event of an organization is offered to; every change through it forgets them, so a webhook
 * created, changed or deleted applies to the next event (see {@link LookupCache}).
 */
public class CachingWebhookRepository implements WebhookRepository {
    private final WebhookRepository stored;
    private final LookupCache<String, List<Webhook>> enabled = new LookupCache<>(10_000);

    @Inject
    public CachingWebhookRepository(JdbcWebhookRepository stored) {
        this.stored = stored;
    }

    @Override
    public List<Webhook> listEnabled(String organizationId) {
        return enabled.get(organizationId, () -> List.copyOf(stored.listEnabled(organizationId)));
    }

    @Override
    public void create(Webhook webhook) {
        enabled.afterWriting(() -> stored.create(webhook));
    }

    @Override
    public void update(Webhook webhook) {
        enabled.afterWriting(() -> stored.update(webhook));
    }

    @Override
    public boolean delete(String organizationId, String webhookId) {
        return enabled.afterWriting(() -> stored.delete(organizationId, webhookId));
    }

    @Override
    public Optional<Webhook> find(String organizationId, String webhookId) {
        return stored.find(organizationId, webhookId);
    }

    @Override
    public Page<Webhook> list(String organizationId, PageRequest pageRequest) {
        return stored.list(organizationId, pageRequest);
    }

    @Override
    public long count(String organizationId) {
        return stored.count(organizationId);
    }
}
