package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Webhook;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A test double that obeys {@link WebhookRepositoryContract}. A webhook's deliveries are kept by the
 * {@link InMemoryEventOutbox} made over this repository, which it tells of each deletion.
 */
public class InMemoryWebhookRepository implements WebhookRepository {
    private static final Comparator<Webhook> NEWEST_FIRST =
        Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id).reversed();

    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final List<Consumer<String>> deletionListeners = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void create(Webhook webhook) {
        if (webhooks.putIfAbsent(webhook.id(), webhook) != null) {
            throw new IllegalStateException("duplicate webhook id");
        }
    }

    @Override
    public synchronized Optional<Webhook> find(String organizationId, String webhookId) {
        return byId(webhookId).filter(webhook -> webhook.organizationId().equals(organizationId));
    }

    /** The webhook of this id in any organization, as a delivery names it. */
    synchronized Optional<Webhook> byId(String webhookId) {
        return Optional.ofNullable(webhooks.get(webhookId));
    }

    @Override
    public synchronized Page<Webhook> list(String organizationId, PageRequest pageRequest) {
        return InMemoryPaging.page(ofOrganization(organizationId).sorted(NEWEST_FIRST).toList(), pageRequest);
    }

    @Override
    public synchronized List<Webhook> listEnabled(String organizationId) {
        return ofOrganization(organizationId).filter(Webhook::enabled).toList();
    }

    @Override
    public synchronized long count(String organizationId) {
        return ofOrganization(organizationId).count();
    }

    @Override
    public synchronized void update(Webhook webhook) {
        find(webhook.organizationId(), webhook.id()).ifPresent(stored -> webhooks.put(stored.id(), stored.withSettings(
            webhook.url(), webhook.eventTypes(), webhook.inboxIds(), webhook.enabled(), webhook.updatedAt())));
    }

    @Override
    public boolean delete(String organizationId, String webhookId) {
        synchronized (this) {
            if (find(organizationId, webhookId).isEmpty()) {
                return false;
            }
            webhooks.remove(webhookId);
        }
        // Outside this lock: the outbox takes its own, and reads webhooks under it.
        deletionListeners.forEach(listener -> listener.accept(webhookId));
        return true;
    }

    /** {@code listener} gets the id of each webhook deleted from now on. */
    void onDelete(Consumer<String> listener) {
        deletionListeners.add(listener);
    }

    private Stream<Webhook> ofOrganization(String organizationId) {
        return webhooks.values().stream().filter(webhook -> webhook.organizationId().equals(organizationId));
    }
}
