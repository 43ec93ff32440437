package dev.agentmail.domain.store;

import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.model.WebhookDelivery.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A test double that obeys {@link EventOutboxContract}, sharing its store with an {@link InMemoryWebhookRepository}
 * as the backends share theirs: a delivery names its webhook, and deleting the webhook drops its deliveries.
 *
 * <p>Everything happens under this object's lock, so sequences are taken in the order events are appended and a
 * reader never sees a later event without the earlier ones.
 */
public class InMemoryEventOutbox implements EventOutbox {
    private static final Comparator<WebhookDelivery> DUE_FIRST = Comparator
        .comparing((WebhookDelivery delivery) -> delivery.nextAttemptAt().orElseThrow())
        .thenComparing(WebhookDelivery::id);
    private static final Comparator<WebhookDelivery> NEWEST_FIRST =
        Comparator.comparing(WebhookDelivery::createdAt).thenComparing(WebhookDelivery::id).reversed();

    private final InMemoryWebhookRepository webhooks;
    private final TreeMap<Long, StoredEvent> events = new TreeMap<>();
    private final Map<String, StoredEvent> eventsById = new LinkedHashMap<>();
    private final Map<String, WebhookDelivery> deliveries = new LinkedHashMap<>();
    private long sequence;

    public InMemoryEventOutbox(InMemoryWebhookRepository webhooks) {
        this.webhooks = webhooks;
        webhooks.onDelete(this::dropDeliveriesOf);
    }

    @Override
    public synchronized void append(StoredEvent event, List<WebhookDelivery> newDeliveries) {
        if (eventsById.containsKey(event.id())
            || newDeliveries.stream().anyMatch(delivery -> deliveries.containsKey(delivery.id()))) {
            throw new StorageException("could not append an event", new IllegalStateException("duplicate id"));
        }
        StoredEvent numbered = new StoredEvent(++sequence, event.id(), event.organizationId(), event.type(),
            event.inboxId(), event.payload(), event.createdAt());
        events.put(numbered.sequence(), numbered);
        eventsById.put(numbered.id(), numbered);
        for (WebhookDelivery delivery : newDeliveries) {
            deliveries.put(delivery.id(), new WebhookDelivery(delivery.id(), delivery.webhookId(), event.id(),
                event.type(), delivery.state(), delivery.attempts(), Optional.empty(), Optional.empty(),
                Optional.empty(), delivery.nextAttemptAt(), delivery.createdAt()));
        }
    }

    @Override
    public synchronized List<StoredEvent> eventsAfter(String organizationId, long after, int limit) {
        return events.tailMap(after, false).values().stream()
            .filter(event -> event.organizationId().equals(organizationId))
            .limit(Math.max(1, limit))
            .toList();
    }

    @Override
    public synchronized Optional<Long> sequenceOf(String organizationId, String eventId) {
        return Optional.ofNullable(eventsById.get(eventId))
            .filter(event -> event.organizationId().equals(organizationId))
            .map(StoredEvent::sequence);
    }

    @Override
    public synchronized long lastSequence() {
        return events.isEmpty() ? 0 : events.lastKey();
    }

    @Override
    public synchronized List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<WebhookDelivery> due = deliveries.values().stream()
            .filter(delivery -> delivery.state() == State.PENDING)
            .filter(delivery -> delivery.nextAttemptAt().filter(at -> !at.isAfter(now)).isPresent())
            .sorted(DUE_FIRST)
            .limit(Math.max(1, limit))
            .toList();
        List<DueDelivery> claimed = new ArrayList<>();
        for (WebhookDelivery delivery : due) {
            Optional<Webhook> webhook = webhooks.byId(delivery.webhookId());
            if (webhook.isEmpty()) {
                deliveries.remove(delivery.id());
                continue;
            }
            deliveries.put(delivery.id(), withNextAttempt(delivery, State.PENDING, Optional.of(leaseUntil)));
            claimed.add(new DueDelivery(delivery.id(), delivery.attempts(), webhook.get(),
                eventsById.get(delivery.eventId())));
        }
        return claimed;
    }

    @Override
    public synchronized void recordAttempt(String deliveryId, State state, int attempts, Optional<Integer> statusCode,
                                           Optional<String> error, Instant attemptedAt, Optional<Instant> nextAttemptAt) {
        WebhookDelivery delivery = deliveries.get(deliveryId);
        if (delivery != null) {
            deliveries.put(deliveryId, new WebhookDelivery(delivery.id(), delivery.webhookId(), delivery.eventId(),
                delivery.eventType(), state, attempts, statusCode, error, Optional.of(attemptedAt),
                state == State.PENDING ? nextAttemptAt : Optional.empty(), delivery.createdAt()));
        }
    }

    @Override
    public synchronized int expedite(String webhookId, Instant waitingBeyond, Instant now) {
        List<WebhookDelivery> waiting = deliveries.values().stream()
            .filter(delivery -> delivery.webhookId().equals(webhookId) && delivery.state() == State.PENDING)
            .filter(delivery -> delivery.attempts() > 0)
            .filter(delivery -> delivery.nextAttemptAt().filter(at -> at.isAfter(waitingBeyond)).isPresent())
            .toList();
        waiting.forEach(delivery -> deliveries.put(delivery.id(),
            withNextAttempt(delivery, State.PENDING, Optional.of(now))));
        return waiting.size();
    }

    @Override
    public synchronized Page<WebhookDelivery> deliveries(String webhookId, PageRequest pageRequest) {
        return InMemoryPaging.page(deliveries.values().stream()
            .filter(delivery -> delivery.webhookId().equals(webhookId))
            .sorted(NEWEST_FIRST)
            .toList(), pageRequest);
    }

    @Override
    public synchronized Optional<WebhookDelivery> delivery(String webhookId, String deliveryId) {
        return Optional.ofNullable(deliveries.get(deliveryId)).filter(delivery -> delivery.webhookId().equals(webhookId));
    }

    @Override
    public synchronized boolean redeliver(String webhookId, String deliveryId, Instant at) {
        Optional<WebhookDelivery> delivery = delivery(webhookId, deliveryId);
        delivery.ifPresent(found -> deliveries.put(deliveryId, withNextAttempt(found, State.PENDING, Optional.of(at))));
        return delivery.isPresent();
    }

    @Override
    public synchronized long pendingDeliveries() {
        return deliveries.values().stream().filter(delivery -> delivery.state() == State.PENDING).count();
    }

    @Override
    public synchronized int forgetBefore(Instant cutoff) {
        deliveries.values().removeIf(delivery -> delivery.state() != State.PENDING
            && eventsById.get(delivery.eventId()).createdAt().isBefore(cutoff));
        Set<String> referenced = deliveries.values().stream().map(WebhookDelivery::eventId).collect(Collectors.toSet());
        List<StoredEvent> forgotten = eventsById.values().stream()
            .filter(event -> event.createdAt().isBefore(cutoff) && !referenced.contains(event.id()))
            .toList();
        forgotten.forEach(event -> {
            eventsById.remove(event.id());
            events.remove(event.sequence());
        });
        return forgotten.size();
    }

    private synchronized void dropDeliveriesOf(String webhookId) {
        deliveries.values().removeIf(delivery -> delivery.webhookId().equals(webhookId));
    }

    private static WebhookDelivery withNextAttempt(WebhookDelivery delivery, State state, Optional<Instant> next) {
        return new WebhookDelivery(delivery.id(), delivery.webhookId(), delivery.eventId(), delivery.eventType(), state,
            delivery.attempts(), delivery.lastStatusCode(), delivery.lastError(), delivery.lastAttemptAt(), next,
            delivery.createdAt());
    }
}
