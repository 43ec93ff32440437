package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.model.WebhookDelivery.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of webhook deliveries and their three indexes: a webhook's deliveries newest first, its pending ones, and
 * the queue of pending ones by due time, which the dispatcher reads. The delivery row is the truth; an index entry
 * that disagrees with it is stale, skipped and removed by whoever meets it. Shared by the outbox and the webhook
 * repository, which deletes a webhook's deliveries with it.
 */
final class WebhookDeliveries {
    /** All pending deliveries share one partition of the queue. */
    static final int DUE_BUCKET = 0;
    private static final String SELECT = "SELECT id, webhook_id, event_id, event_type, state, attempts, last_status,"
        + " last_error, last_attempt_at, next_attempt_at, created_at FROM webhook_deliveries WHERE id = ?";

    private final Cql cql;

    WebhookDeliveries(Cql cql) {
        this.cql = cql;
    }

    /** The writes that store a new delivery of an event with its index entries. */
    List<BoundStatement> inserts(WebhookDelivery delivery, String eventId, EventType eventType) {
        List<BoundStatement> writes = new ArrayList<>(List.of(
            cql.bind("INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, state, attempts,"
                    + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", delivery.id(),
                delivery.webhookId(), eventId, eventType.wireName(), delivery.state().name(), delivery.attempts(),
                delivery.nextAttemptAt().orElse(null), delivery.createdAt()),
            cql.bind("INSERT INTO deliveries_by_webhook (webhook_id, created_at, id) VALUES (?, ?, ?)",
                delivery.webhookId(), delivery.createdAt(), delivery.id())));
        if (delivery.state() == State.PENDING) {
            writes.add(pendingEntry(delivery.webhookId(), delivery.id()));
            delivery.nextAttemptAt().ifPresent(due -> writes.add(enqueue(delivery.id(), due)));
        }
        return writes;
    }

    Optional<WebhookDelivery> find(String deliveryId) {
        return cql.one(WebhookDeliveries::map, SELECT, deliveryId);
    }

    List<WebhookDelivery> find(List<String> deliveryIds) {
        return cql.fetchAll(deliveryIds.stream().map(id -> cql.bind(SELECT, id)).toList(),
            row -> Optional.of(map(row)));
    }

    Page<WebhookDelivery> page(String webhookId, PageRequest pageRequest) {
        List<String> ids = IndexPages.ids(cql, pageRequest,
            "SELECT id FROM deliveries_by_webhook WHERE webhook_id = ?", webhookId);
        return Page.of(find(ids).stream().filter(delivery -> delivery.webhookId().equals(webhookId)).toList(),
            cql.count("SELECT COUNT(*) FROM deliveries_by_webhook WHERE webhook_id = ?", webhookId), pageRequest);
    }

    /** Ids in the webhook's pending index, which may hold stale entries. */
    List<String> pendingIds(String webhookId) {
        return cql.all(row -> row.getString("id"), "SELECT id FROM deliveries_pending_by_webhook WHERE webhook_id = ?",
            webhookId);
    }

    BoundStatement pendingEntry(String webhookId, String deliveryId) {
        return cql.bind("INSERT INTO deliveries_pending_by_webhook (webhook_id, id) VALUES (?, ?)", webhookId,
            deliveryId);
    }

    BoundStatement removePendingEntry(String webhookId, String deliveryId) {
        return cql.bind("DELETE FROM deliveries_pending_by_webhook WHERE webhook_id = ? AND id = ?", webhookId,
            deliveryId);
    }

    BoundStatement enqueue(String deliveryId, Instant due) {
        return cql.bind("INSERT INTO deliveries_due (bucket, next_attempt_at, id) VALUES (?, ?, ?)", DUE_BUCKET, due,
            deliveryId);
    }

    BoundStatement dequeue(String deliveryId, Instant due) {
        return cql.bind("DELETE FROM deliveries_due WHERE bucket = ? AND next_attempt_at = ? AND id = ?", DUE_BUCKET,
            due, deliveryId);
    }

    /**
     * The writes that move a delivery's due-queue entry. None when it stays where it is: a delete and an insert of
     * the same entry in one batch share a timestamp, and Cassandra lets the delete win.
     */
    List<BoundStatement> moveDue(String deliveryId, Optional<Instant> from, Optional<Instant> to) {
        if (from.equals(to)) {
            return List.of();
        }
        List<BoundStatement> writes = new ArrayList<>();
        from.ifPresent(old -> writes.add(dequeue(deliveryId, old)));
        to.ifPresent(due -> writes.add(enqueue(deliveryId, due)));
        return writes;
    }

    /** The writes that remove a delivery with its index entries. */
    List<BoundStatement> deletes(WebhookDelivery delivery) {
        List<BoundStatement> writes = new ArrayList<>(List.of(
            cql.bind("DELETE FROM webhook_deliveries WHERE id = ?", delivery.id()),
            cql.bind("DELETE FROM deliveries_by_webhook WHERE webhook_id = ? AND created_at = ? AND id = ?",
                delivery.webhookId(), delivery.createdAt(), delivery.id()),
            removePendingEntry(delivery.webhookId(), delivery.id())));
        delivery.nextAttemptAt().ifPresent(due -> writes.add(dequeue(delivery.id(), due)));
        return writes;
    }

    /** Removes every delivery of a webhook; entries left in the queue are stale from then on. */
    void deleteAll(String webhookId) {
        List<String> ids = cql.all(row -> row.getString("id"),
            "SELECT id FROM deliveries_by_webhook WHERE webhook_id = ?", webhookId);
        for (String id : ids) {
            cql.execute("DELETE FROM webhook_deliveries WHERE id = ?", id);
        }
        cql.logged(List.of(
            cql.bind("DELETE FROM deliveries_by_webhook WHERE webhook_id = ?", webhookId),
            cql.bind("DELETE FROM deliveries_pending_by_webhook WHERE webhook_id = ?", webhookId)));
    }

    static WebhookDelivery map(Row row) {
        return new WebhookDelivery(row.getString("id"), row.getString("webhook_id"), row.getString("event_id"),
            EventType.fromWireName(row.getString("event_type")).orElseThrow(), State.valueOf(row.getString("state")),
            row.getInt("attempts"), row.isNull("last_status") ? Optional.empty() : Optional.of(row.getInt("last_status")),
            Optional.ofNullable(row.getString("last_error")), Optional.ofNullable(row.getInstant("last_attempt_at")),
            Optional.ofNullable(row.getInstant("next_attempt_at")), row.getInstant("created_at"));
    }
}
