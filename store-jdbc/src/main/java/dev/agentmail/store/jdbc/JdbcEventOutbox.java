package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.store.codec.SealedSecrets;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

public class JdbcEventOutbox implements EventOutbox {
    private static final String EVENT_COLUMNS = "seq, id, organization_id, event_type, inbox_id, payload, created_at";
    private static final String DELIVERY_COLUMNS = "d.id, d.webhook_id, d.event_id, e.event_type, d.state, d.attempts,"
        + " d.last_status, d.last_error, d.last_attempt_at, d.next_attempt_at, d.created_at";
    private static final String DELIVERIES = " FROM webhook_deliveries d JOIN events e ON e.id = d.event_id";
    private static final int MAX_ERROR_LENGTH = 500;
    /** The same statement on Derby and PostgreSQL; other appends wait for the commit. */
    private static final String APPEND_LOCK = "LOCK TABLE events IN EXCLUSIVE MODE";
    /**
     * H2 has no table lock, and a row lock it releases before the commit is visible. It is only ever in memory, so in
     * this JVM alone: appends to it wait for each other here instead.
     */
    private static final Lock IN_MEMORY_APPEND_LOCK = new ReentrantLock();

    private final Jdbc jdbc;
    private final SealedSecrets secrets;
    private final boolean inMemory;

    /** @param sealer opens the secrets of the webhooks a claimed delivery goes to */
    @Inject
    public JdbcEventOutbox(DataSource dataSource, SecretSealer sealer) {
        this.jdbc = new Jdbc(dataSource);
        this.secrets = new SealedSecrets(sealer);
        this.inMemory = jdbc.productName().contains("H2");
    }

    /**
     * Appends one at a time: the table lock, held to the commit, makes the order of the numbers the order of the
     * commits, so that no reader sees a number before a lower one is committed. Readers are not held up on PostgreSQL;
     * on Derby they wait for the commit.
     */
    @Override
    public void append(StoredEvent event, List<WebhookDelivery> deliveries) {
        inAppendOrder(connection -> {
            Jdbc.update(connection, "INSERT INTO events (id, organization_id, event_type, inbox_id, payload, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", event.id(), event.organizationId(), event.type().wireName(),
                event.inboxId().orElse(null), event.payload().getBytes(StandardCharsets.UTF_8),
                event.createdAt().toEpochMilli());
            for (WebhookDelivery delivery : deliveries) {
                Jdbc.update(connection, "INSERT INTO webhook_deliveries (id, webhook_id, event_id, state, attempts,"
                        + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", delivery.id(),
                    delivery.webhookId(), event.id(), delivery.state().name(), delivery.attempts(),
                    Jdbc.nullableMillis(delivery.nextAttemptAt()), delivery.createdAt().toEpochMilli());
            }
        });
    }

    /** Runs the work in a transaction that holds the append lock to its commit. */
    private void inAppendOrder(Jdbc.Work work) {
        if (!inMemory) {
            jdbc.inTransaction(connection -> {
                Jdbc.update(connection, APPEND_LOCK);
                work.run(connection);
            });
            return;
        }
        IN_MEMORY_APPEND_LOCK.lock();
        try {
            jdbc.inTransaction(work);
        } finally {
            IN_MEMORY_APPEND_LOCK.unlock();
        }
    }

    @Override
    public List<StoredEvent> eventsAfter(String organizationId, long sequence, int limit) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM events WHERE organization_id = ? AND seq > ?"
            + " ORDER BY seq FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", JdbcEventOutbox::event,
            organizationId, sequence);
    }

    @Override
    public Optional<Long> sequenceOf(String organizationId, String eventId) {
        return jdbc.queryOne("SELECT seq FROM events WHERE organization_id = ? AND id = ?", row -> row.getLong(1),
            organizationId, eventId);
    }

    @Override
    public long lastSequence() {
        return jdbc.count("SELECT MAX(seq) FROM events");
    }

    @Override
    public List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        record Candidate(String id, String webhookId, String eventId, int attempts, long dueAt) {
        }
        List<Candidate> candidates = jdbc.query("SELECT id, webhook_id, event_id, attempts, next_attempt_at"
                + " FROM webhook_deliveries WHERE state = 'PENDING' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
            row -> new Candidate(row.getString(1), row.getString(2), row.getString(3), row.getInt(4), row.getLong(5)),
            now.toEpochMilli());
        List<DueDelivery> claimed = new ArrayList<>();
        for (Candidate candidate : candidates) {
            // Only the claim that still finds the due time it read wins: two dispatchers never both attempt it.
            boolean won = jdbc.updateOrFail("UPDATE webhook_deliveries SET next_attempt_at = ?"
                    + " WHERE id = ? AND state = 'PENDING' AND next_attempt_at = ?", leaseUntil.toEpochMilli(),
                candidate.id(), candidate.dueAt()) == 1;
            if (won) {
                Optional<Webhook> webhook = jdbc.queryOne("SELECT " + JdbcWebhookRepository.COLUMNS
                    + " FROM webhooks WHERE id = ?", row -> JdbcWebhookRepository.map(row, secrets), candidate.webhookId());
                Optional<StoredEvent> event = jdbc.queryOne("SELECT " + EVENT_COLUMNS + " FROM events WHERE id = ?",
                    JdbcEventOutbox::event, candidate.eventId());
                if (webhook.isPresent() && event.isPresent()) {
                    claimed.add(new DueDelivery(candidate.id(), candidate.attempts(), webhook.get(), event.get()));
                } else {
                    jdbc.updateOrFail("DELETE FROM webhook_deliveries WHERE id = ?", candidate.id());
                }
            }
        }
        return claimed;
    }

    @Override
    public void recordAttempt(String deliveryId, WebhookDelivery.State state, int attempts,
                              Optional<Integer> statusCode, Optional<String> error, Instant attemptedAt,
                              Optional<Instant> nextAttemptAt) {
        jdbc.updateOrFail("UPDATE webhook_deliveries SET state = ?, attempts = ?, last_status = ?, last_error = ?,"
                + " last_attempt_at = ?, next_attempt_at = ? WHERE id = ?", state.name(), attempts,
            statusCode.<Object>map(code -> code).orElse(Jdbc.NullLong.INSTANCE),
            error.map(text -> text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text).orElse(null),
            attemptedAt.toEpochMilli(),
            Jdbc.nullableMillis(state == WebhookDelivery.State.PENDING ? nextAttemptAt : Optional.empty()), deliveryId);
    }

    @Override
    public int expedite(String webhookId, Instant waitingBeyond, Instant now) {
        return jdbc.updateOrFail("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE webhook_id = ?"
            + " AND state = 'PENDING' AND attempts > 0 AND next_attempt_at > ?", now.toEpochMilli(), webhookId,
            waitingBeyond.toEpochMilli());
    }

    @Override
    public Page<WebhookDelivery> deliveries(String webhookId, PageRequest pageRequest) {
        return Page.of(jdbc.query("SELECT " + DELIVERY_COLUMNS + DELIVERIES + " WHERE d.webhook_id = ?"
                    + " ORDER BY d.created_at DESC, d.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                JdbcEventOutbox::delivery, webhookId, pageRequest.offset(), pageRequest.pageSize()),
            jdbc.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", webhookId), pageRequest);
    }

    @Override
    public Optional<WebhookDelivery> delivery(String webhookId, String deliveryId) {
        return jdbc.queryOne("SELECT " + DELIVERY_COLUMNS + DELIVERIES + " WHERE d.webhook_id = ? AND d.id = ?",
            JdbcEventOutbox::delivery, webhookId, deliveryId);
    }

    @Override
    public boolean redeliver(String webhookId, String deliveryId, Instant at) {
        return jdbc.updateOrFail("UPDATE webhook_deliveries SET state = 'PENDING', next_attempt_at = ?"
            + " WHERE webhook_id = ? AND id = ?", at.toEpochMilli(), webhookId, deliveryId) > 0;
    }

    @Override
    public long pendingDeliveries() {
        return jdbc.count("SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'PENDING'");
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        int[] forgotten = {0};
        // The append lock first, as appends take it: taking the two tables in one order cannot deadlock.
        inAppendOrder(connection -> {
            Jdbc.update(connection, "DELETE FROM webhook_deliveries WHERE state <> 'PENDING' AND event_id IN"
                + " (SELECT id FROM events WHERE created_at < ?)", cutoff.toEpochMilli());
            forgotten[0] = Jdbc.update(connection, "DELETE FROM events WHERE created_at < ? AND NOT EXISTS"
                + " (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = events.id)", cutoff.toEpochMilli());
        });
        return forgotten[0];
    }

    private static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("seq"), row.getString("id"), row.getString("organization_id"),
            EventType.fromWireName(row.getString("event_type")).orElseThrow(),
            Optional.ofNullable(row.getString("inbox_id")), new String(row.getBytes("payload"), StandardCharsets.UTF_8),
            Instant.ofEpochMilli(row.getLong("created_at")));
    }

    private static WebhookDelivery delivery(ResultSet row) throws SQLException {
        int status = row.getInt("last_status");
        Optional<Integer> lastStatus = row.wasNull() ? Optional.empty() : Optional.of(status);
        return new WebhookDelivery(row.getString("id"), row.getString("webhook_id"), row.getString("event_id"),
            EventType.fromWireName(row.getString("event_type")).orElseThrow(),
            WebhookDelivery.State.valueOf(row.getString("state")), row.getInt("attempts"), lastStatus,
            Optional.ofNullable(row.getString("last_error")), Jdbc.instant(row, "last_attempt_at"),
            Jdbc.instant(row, "next_attempt_at"), Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
