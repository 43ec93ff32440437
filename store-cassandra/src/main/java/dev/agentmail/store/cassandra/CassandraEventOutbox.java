package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.model.WebhookDelivery.State;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.store.codec.SealedSecrets;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Events sit in one partition per organization, ordered by their number from {@link EventSequence}, which is what a
 * stream replays. A delivery is claimed by a lightweight transaction on its row that moves its due time to the end
 * of the lease, only if the row still says PENDING and the due time the claimer read: of two dispatchers, on any
 * nodes, one alone wins.
 */
public class CassandraEventOutbox implements EventOutbox {
    private static final int MAX_ERROR_LENGTH = 500;
    private static final String EVENT_COLUMNS = "seq, id, organization_id, event_type, inbox_id, payload, created_at";

    private final Cql cql;
    private final EventSequence sequence;
    private final Object appendOrder = new Object();
    private final WebhookDeliveries deliveries;
    private final SealedSecrets secrets;

    /** @param sealer opens the secrets of the webhooks a claimed delivery goes to */
    @Inject
    public CassandraEventOutbox(CassandraStore store, SecretSealer sealer) {
        this.cql = store.cql();
        this.sequence = new EventSequence(Clock.systemUTC());
        this.deliveries = new WebhookDeliveries(cql);
        this.secrets = new SealedSecrets(sealer);
    }

    /**
     * The event row goes alone, for a payload may pass the size Cassandra allows a batch; the deliveries and the
     * event's id entry follow in one logged batch. Should that second write fail, the stream shows the event but no
     * webhook gets it, and the caller is told.
     */
    @Override
    public void append(StoredEvent event, List<WebhookDelivery> eventDeliveries) {
        long seq;
        // A number is taken and its row written under one lock, so that this node's events become visible in the
        // order of their numbers; other nodes' may land behind them, which streams allow for.
        synchronized (appendOrder) {
            seq = sequence.next();
            cql.execute("INSERT INTO events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", seq, event.id(),
                event.organizationId(), event.type().wireName(), event.inboxId().orElse(null), event.payload(),
                event.createdAt());
        }
        List<BoundStatement> writes = new ArrayList<>();
        writes.add(cql.bind("INSERT INTO event_ids (id, organization_id, seq, created_at, delivery_ids)"
                + " VALUES (?, ?, ?, ?, ?)", event.id(), event.organizationId(), seq, event.createdAt(),
            Set.copyOf(eventDeliveries.stream().map(WebhookDelivery::id).toList())));
        for (WebhookDelivery delivery : eventDeliveries) {
            writes.addAll(deliveries.inserts(delivery, event.id(), event.type()));
        }
        cql.logged(writes);
    }

    @Override
    public List<StoredEvent> eventsAfter(String organizationId, long after, int limit) {
        return cql.all(CassandraEventOutbox::event, "SELECT " + EVENT_COLUMNS + " FROM events"
            + " WHERE organization_id = ? AND seq > ? LIMIT ?", organizationId, after, Math.max(1, limit));
    }

    @Override
    public Optional<Long> sequenceOf(String organizationId, String eventId) {
        return cql.one(row -> row, "SELECT organization_id, seq FROM event_ids WHERE id = ?", eventId)
            .filter(row -> organizationId.equals(row.getString("organization_id")))
            .map(row -> row.getLong("seq"));
    }

    @Override
    public long lastSequence() {
        return sequence.last();
    }

    @Override
    public List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        record Entry(Instant due, String id) {
        }
        List<DueDelivery> claimed = new ArrayList<>();
        // Stale entries (claimed by another, finished, deleted) are dropped as they are met, so a few more are read.
        List<Entry> entries = cql.all(row -> new Entry(row.getInstant("next_attempt_at"), row.getString("id")),
            "SELECT next_attempt_at, id FROM deliveries_due WHERE bucket = ? AND next_attempt_at <= ? LIMIT ?",
            WebhookDeliveries.DUE_BUCKET, now, Math.max(1, limit) * 2 + 10);
        for (Entry entry : entries) {
            if (claimed.size() >= limit) {
                break;
            }
            ResultSet claim = cql.execute("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?"
                + " IF state = ? AND next_attempt_at = ?", leaseUntil, entry.id(), State.PENDING.name(), entry.due());
            if (!claim.wasApplied()) {
                cql.execute(deliveries.dequeue(entry.id(), entry.due()));
                continue;
            }
            cql.logged(deliveries.moveDue(entry.id(), Optional.of(entry.due()), Optional.of(leaseUntil)));
            dueDelivery(entry.id()).ifPresent(claimed::add);
        }
        return claimed;
    }

    /** A claimed delivery with its webhook and event; one whose webhook or event is gone is dropped. */
    private Optional<DueDelivery> dueDelivery(String deliveryId) {
        Optional<WebhookDelivery> delivery = deliveries.find(deliveryId);
        Optional<Webhook> webhook = delivery.flatMap(found ->
            cql.one(row -> CassandraWebhookRepository.map(row, secrets), CassandraWebhookRepository.SELECT, found.webhookId()));
        Optional<StoredEvent> event = delivery.flatMap(found -> event(found.eventId()));
        if (delivery.isPresent() && webhook.isPresent() && event.isPresent()) {
            return Optional.of(new DueDelivery(deliveryId, delivery.get().attempts(), webhook.get(), event.get()));
        }
        delivery.ifPresent(orphan -> cql.logged(deliveries.deletes(orphan)));
        return Optional.empty();
    }

    private Optional<StoredEvent> event(String eventId) {
        return cql.one(row -> row, "SELECT organization_id, seq FROM event_ids WHERE id = ?", eventId)
            .flatMap(index -> cql.one(CassandraEventOutbox::event, "SELECT " + EVENT_COLUMNS + " FROM events"
                + " WHERE organization_id = ? AND seq = ? AND id = ?", index.getString("organization_id"),
                index.getLong("seq"), eventId));
    }

    @Override
    public void recordAttempt(String deliveryId, State state, int attempts, Optional<Integer> statusCode,
                              Optional<String> error, Instant attemptedAt, Optional<Instant> nextAttemptAt) {
        Optional<WebhookDelivery> before = deliveries.find(deliveryId);
        if (before.isEmpty()) {
            return;
        }
        Optional<Instant> next = state == State.PENDING ? nextAttemptAt : Optional.empty();
        if (!cql.applied("UPDATE webhook_deliveries SET state = ?, attempts = ?, last_status = ?, last_error = ?,"
                + " last_attempt_at = ?, next_attempt_at = ? WHERE id = ? IF EXISTS", state.name(), attempts,
            statusCode.orElse(null),
            error.map(text -> text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text).orElse(null),
            attemptedAt, next.orElse(null), deliveryId)) {
            return;
        }
        String webhookId = before.get().webhookId();
        List<BoundStatement> writes = new ArrayList<>(deliveries.moveDue(deliveryId, before.get().nextAttemptAt(), next));
        writes.add(state == State.PENDING ? deliveries.pendingEntry(webhookId, deliveryId)
            : deliveries.removePendingEntry(webhookId, deliveryId));
        cql.logged(writes);
    }

    @Override
    public int expedite(String webhookId, Instant waitingBeyond, Instant now) {
        int expedited = 0;
        for (String id : deliveries.pendingIds(webhookId)) {
            Optional<WebhookDelivery> delivery = deliveries.find(id);
            if (delivery.isEmpty() || delivery.get().state() != State.PENDING) {
                cql.execute(deliveries.removePendingEntry(webhookId, id));
                continue;
            }
            Optional<Instant> due = delivery.get().nextAttemptAt();
            if (delivery.get().attempts() > 0 && due.isPresent() && due.get().isAfter(waitingBeyond)
                && cql.applied("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?"
                + " IF state = ? AND next_attempt_at = ?", now, id, State.PENDING.name(), due.get())) {
                cql.logged(deliveries.moveDue(id, due, Optional.of(now)));
                expedited++;
            }
        }
        return expedited;
    }

    @Override
    public Page<WebhookDelivery> deliveries(String webhookId, PageRequest pageRequest) {
        return deliveries.page(webhookId, pageRequest);
    }

    @Override
    public Optional<WebhookDelivery> delivery(String webhookId, String deliveryId) {
        return deliveries.find(deliveryId).filter(delivery -> delivery.webhookId().equals(webhookId));
    }

    @Override
    public boolean redeliver(String webhookId, String deliveryId, Instant at) {
        Optional<WebhookDelivery> before = delivery(webhookId, deliveryId);
        if (before.isEmpty() || !cql.applied("UPDATE webhook_deliveries SET state = ?, next_attempt_at = ? WHERE id = ?"
            + " IF EXISTS", State.PENDING.name(), at, deliveryId)) {
            return false;
        }
        List<BoundStatement> writes = new ArrayList<>(
            deliveries.moveDue(deliveryId, before.get().nextAttemptAt(), Optional.of(at)));
        writes.add(deliveries.pendingEntry(webhookId, deliveryId));
        cql.logged(writes);
        return true;
    }

    /**
     * Reads the ids of the events before the cutoff with a scan of the event index (a month of events, once an hour in
     * the background), and forgets each event whose deliveries are all finished, with them.
     */
    /** The entries of the due queue: a stale one (left by a crash between two writes) counts until a claim meets it. */
    @Override
    public long pendingDeliveries() {
        return cql.count("SELECT COUNT(*) FROM deliveries_due WHERE bucket = ?", WebhookDeliveries.DUE_BUCKET);
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        record Old(String id, String organizationId, long seq, Set<String> deliveryIds) {
        }
        List<Old> old = cql.all(row -> new Old(row.getString("id"), row.getString("organization_id"),
                row.getLong("seq"), row.getSet("delivery_ids", String.class)),
            "SELECT id, organization_id, seq, delivery_ids FROM event_ids WHERE created_at < ? ALLOW FILTERING",
            cutoff);
        int forgotten = 0;
        for (Old event : old) {
            List<WebhookDelivery> itsDeliveries = deliveries.find(List.copyOf(event.deliveryIds()));
            if (itsDeliveries.stream().anyMatch(delivery -> delivery.state() == State.PENDING)) {
                continue;
            }
            List<BoundStatement> writes = new ArrayList<>();
            itsDeliveries.forEach(delivery -> writes.addAll(deliveries.deletes(delivery)));
            writes.add(cql.bind("DELETE FROM events WHERE organization_id = ? AND seq = ? AND id = ?",
                event.organizationId(), event.seq(), event.id()));
            writes.add(cql.bind("DELETE FROM event_ids WHERE id = ?", event.id()));
            cql.logged(writes);
            forgotten++;
        }
        return forgotten;
    }

    private static StoredEvent event(Row row) {
        return new StoredEvent(row.getLong("seq"), row.getString("id"), row.getString("organization_id"),
            EventType.fromWireName(row.getString("event_type")).orElseThrow(),
            Optional.ofNullable(row.getString("inbox_id")), row.getString("payload"), row.getInstant("created_at"));
    }
}
