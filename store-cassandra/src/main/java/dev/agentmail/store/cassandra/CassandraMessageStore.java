package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.service.Threading;
import dev.agentmail.domain.store.StorageException;
import dev.agentmail.store.codec.StoredJson;

import javax.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The messages of the message index and every lookup by a key: id, mailbox location, Message-ID, referenced
 * Message-ID, thread, subject, newest of a direction. Ordered lists of a whole inbox and search are not here: they
 * are the OpenSearch index's (store-opensearch), which reads the page's messages back from here.
 *
 * <p>A message claims its mailbox location first (IF NOT EXISTS), then its row is written, then its index rows in a
 * logged batch (the row itself may be too large for a batch). Readers of the index tables skip an entry whose message
 * is gone. A failure after the claim leaves the location claimed: indexing the same message (same id) again completes
 * it, another id for that location is refused as a duplicate.
 */
public class CassandraMessageStore {
    /** Longer values are not looked up by, as in the JDBC index: a Message-ID is at most a header line. */
    private static final int MAX_RFC_ID_LENGTH = 998;
    private static final int MAX_SUBJECT_LENGTH = 1000;
    /** Index entries read for the newest message of a direction, in case the newest ones were just deleted. */
    private static final int LATEST_CANDIDATES = 10;
    private static final String SELECT = "SELECT id, organization_id, inbox_id, thread_id, direction, mailbox_id, uid,"
        + " labels, size, ts, created_at, updated_at, content, analysis FROM messages WHERE id = ?";
    private static final String OWNER = "SELECT id FROM messages_by_location WHERE mailbox_id = ? AND uid = ?";

    private final Cql cql;

    @Inject
    public CassandraMessageStore(CassandraStore store) {
        this.cql = store.cql();
    }

    /** @return false when another message holds this mailbox location already, and this one was not stored */
    public boolean create(StoredMessage message) {
        // The row before the claim: a claimed location always has its message, even if this node dies in between.
        // Dying before the claim leaves a row nothing points to, and the next attempt stores the message anew.
        cql.execute("INSERT INTO messages (id, organization_id, inbox_id, thread_id, direction, mailbox_id, uid, labels,"
                + " size, ts, created_at, updated_at, content, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            message.id(), message.organizationId(), message.inboxId(), message.threadId(), message.direction().name(),
            message.location().mailboxId(), message.location().uid(), message.labels(), message.size(),
            message.timestamp(), message.createdAt(), message.updatedAt(), StoredJson.write(message.content()),
            StoredJson.write(message.analysis()));
        if (!claimLocation(message.location(), message.id())) {
            cql.execute("DELETE FROM messages WHERE id = ?", message.id());
            return false;
        }
        cql.logged(indexRows(message, true));
        return true;
    }

    /** Like UniqueClaims: a timed-out claim may have been applied, so the owner is read back at LOCAL_SERIAL. */
    private boolean claimLocation(MailboxLocation location, String id) {
        try {
            if (cql.applied("INSERT INTO messages_by_location (mailbox_id, uid, id) VALUES (?, ?, ?) IF NOT EXISTS",
                location.mailboxId(), location.uid(), id)) {
                return true;
            }
        } catch (StorageException e) {
            if (!(e.getCause() instanceof WriteTimeoutException timeout && timeout.getWriteType() == WriteType.CAS)) {
                throw e;
            }
        }
        return Optional.ofNullable(cql.execute(cql.bind(OWNER, location.mailboxId(), location.uid())
                .setConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).one())
            .map(row -> row.getString("id"))
            .filter(id::equals)
            .isPresent();
    }

    /** The index rows of a message, to write or to delete. */
    private List<BoundStatement> indexRows(StoredMessage message, boolean write) {
        String inboxId = message.inboxId();
        List<BoundStatement> rows = new ArrayList<>();
        message.content().rfcMessageId().filter(id -> id.length() <= MAX_RFC_ID_LENGTH).ifPresent(rfcId -> rows.add(write
            ? cql.bind("INSERT INTO messages_by_rfc_id (inbox_id, rfc_message_id, direction, ts, id, thread_id)"
                + " VALUES (?, ?, ?, ?, ?, ?)", inboxId, rfcId, message.direction().name(), message.timestamp(),
                message.id(), message.threadId())
            : cql.bind("DELETE FROM messages_by_rfc_id WHERE inbox_id = ? AND rfc_message_id = ? AND direction = ?"
                + " AND ts = ? AND id = ?", inboxId, rfcId, message.direction().name(), message.timestamp(), message.id())));
        for (String referenced : referenced(message)) {
            rows.add(write
                ? cql.bind("INSERT INTO message_references (inbox_id, referenced_id, message_id, thread_id)"
                    + " VALUES (?, ?, ?, ?)", inboxId, referenced, message.id(), message.threadId())
                : cql.bind("DELETE FROM message_references WHERE inbox_id = ? AND referenced_id = ? AND message_id = ?",
                    inboxId, referenced, message.id()));
        }
        rows.add(write
            ? cql.bind("INSERT INTO messages_by_thread (inbox_id, thread_id, ts, created_at, uid, id)"
                + " VALUES (?, ?, ?, ?, ?, ?)", inboxId, message.threadId(), message.timestamp(), message.createdAt(),
                message.location().uid(), message.id())
            : cql.bind("DELETE FROM messages_by_thread WHERE inbox_id = ? AND thread_id = ? AND ts = ? AND created_at = ?"
                + " AND uid = ? AND id = ?", inboxId, message.threadId(), message.timestamp(), message.createdAt(),
                message.location().uid(), message.id()));
        String subject = normalizedSubject(message.content().subject());
        rows.add(write
            ? cql.bind("INSERT INTO messages_by_subject (inbox_id, normalized_subject, ts, id) VALUES (?, ?, ?, ?)",
                inboxId, subject, message.timestamp(), message.id())
            : cql.bind("DELETE FROM messages_by_subject WHERE inbox_id = ? AND normalized_subject = ? AND ts = ?"
                + " AND id = ?", inboxId, subject, message.timestamp(), message.id()));
        rows.add(write
            ? cql.bind("INSERT INTO messages_by_direction (inbox_id, direction, ts, created_at, uid, id)"
                + " VALUES (?, ?, ?, ?, ?, ?)", inboxId, message.direction().name(), message.timestamp(),
                message.createdAt(), message.location().uid(), message.id())
            : cql.bind("DELETE FROM messages_by_direction WHERE inbox_id = ? AND direction = ? AND ts = ?"
                + " AND created_at = ? AND uid = ? AND id = ?", inboxId, message.direction().name(), message.timestamp(),
                message.createdAt(), message.location().uid(), message.id()));
        return rows;
    }

    private static Set<String> referenced(StoredMessage message) {
        Set<String> referenced = new LinkedHashSet<>(message.content().references());
        message.content().inReplyTo().ifPresent(referenced::add);
        referenced.removeIf(id -> id.length() > MAX_RFC_ID_LENGTH);
        return referenced;
    }

    private static String normalizedSubject(String subject) {
        String normalized = Threading.normalizeSubject(subject);
        return normalized.length() <= MAX_SUBJECT_LENGTH ? normalized : normalized.substring(0, MAX_SUBJECT_LENGTH);
    }

    public Optional<StoredMessage> find(String messageId) {
        return cql.one(CassandraMessageStore::map, SELECT, messageId);
    }

    /** The messages of these ids, in the order given, leaving out those that are gone. */
    public List<StoredMessage> findAll(List<String> ids) {
        return cql.fetchAll(ids.stream().map(id -> cql.bind(SELECT, id)).toList(), row -> Optional.of(map(row)));
    }

    public Optional<StoredMessage> findByLocation(MailboxLocation location) {
        return cql.one(row -> row.getString("id"), OWNER, location.mailboxId(), location.uid())
            .flatMap(this::find)
            .filter(message -> message.location().equals(location));
    }

    public Optional<StoredMessage> findByRfcMessageId(String inboxId, Direction direction, String rfcMessageId) {
        if (rfcMessageId.length() > MAX_RFC_ID_LENGTH) {
            return Optional.empty();
        }
        return findAll(cql.all(row -> row.getString("id"), "SELECT id FROM messages_by_rfc_id WHERE inbox_id = ?"
            + " AND rfc_message_id = ? AND direction = ?", inboxId, rfcMessageId, direction.name())).stream().findFirst();
    }

    /** The thread of the newest message of the inbox with one of these Message-IDs. */
    public Optional<String> threadOfRfcMessageIds(String inboxId, Collection<String> rfcMessageIds) {
        List<String> ids = rfcMessageIds.stream().filter(id -> id.length() <= MAX_RFC_ID_LENGTH).distinct().limit(100)
            .toList();
        record Entry(Instant ts, String threadId) {
        }
        List<Entry> entries = new ArrayList<>();
        for (String rfcId : ids) {
            entries.addAll(cql.all(row -> new Entry(row.getInstant("ts"), row.getString("thread_id")),
                "SELECT ts, thread_id FROM messages_by_rfc_id WHERE inbox_id = ? AND rfc_message_id = ?", inboxId, rfcId));
        }
        return entries.stream().max(Comparator.comparing(Entry::ts)).map(Entry::threadId);
    }

    public Optional<String> threadReferencing(String inboxId, String rfcMessageId) {
        if (rfcMessageId.length() > MAX_RFC_ID_LENGTH) {
            return Optional.empty();
        }
        return cql.one(row -> row.getString("thread_id"), "SELECT thread_id FROM message_references"
            + " WHERE inbox_id = ? AND referenced_id = ? LIMIT 1", inboxId, rfcMessageId);
    }

    /** Oldest first. */
    public List<StoredMessage> thread(String inboxId, String threadId) {
        return findAll(cql.all(row -> row.getString("id"), "SELECT id FROM messages_by_thread WHERE inbox_id = ?"
            + " AND thread_id = ?", inboxId, threadId));
    }

    /** Newest first, at most {@code limit}. */
    public List<StoredMessage> recentWithSubject(String inboxId, String normalizedSubject, Instant since, int limit) {
        return findAll(cql.all(row -> row.getString("id"), "SELECT id FROM messages_by_subject WHERE inbox_id = ?"
                + " AND normalized_subject = ? AND ts >= ? LIMIT ?", inboxId,
            normalizedSubject.length() <= MAX_SUBJECT_LENGTH ? normalizedSubject
                : normalizedSubject.substring(0, MAX_SUBJECT_LENGTH), since, Math.max(1, limit)));
    }

    /** The newest message of the inbox and direction, newer than {@code after} when given. */
    public Optional<StoredMessage> latest(String inboxId, Direction direction, Optional<Instant> after) {
        String query = "SELECT id FROM messages_by_direction WHERE inbox_id = ? AND direction = ?";
        List<String> ids = after.isPresent()
            ? cql.all(row -> row.getString("id"), query + " AND ts > ? LIMIT ?", inboxId, direction.name(), after.get(),
                LATEST_CANDIDATES)
            : cql.all(row -> row.getString("id"), query + " LIMIT ?", inboxId, direction.name(), LATEST_CANDIDATES);
        return findAll(ids).stream().findFirst();
    }

    /** IF EXISTS: a change racing with a delete must not bring back a row of labels alone. */
    public boolean updateLabels(String messageId, Set<String> labels, Instant updatedAt) {
        return cql.applied("UPDATE messages SET labels = ?, updated_at = ? WHERE id = ? IF EXISTS", labels, updatedAt,
            messageId);
    }

    /** @return the message that was removed, if there was one */
    public Optional<StoredMessage> delete(MailboxLocation location) {
        Optional<String> owner = cql.one(row -> row.getString("id"), OWNER, location.mailboxId(), location.uid());
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredMessage> message = find(owner.get());
        message.ifPresent(found -> {
            List<BoundStatement> deletes = indexRows(found, false);
            deletes.add(cql.bind("DELETE FROM messages WHERE id = ?", found.id()));
            cql.logged(deletes);
        });
        // Given back last and only by its owner, like a unique claim: a failure before leaves it held, never shared.
        cql.applied("DELETE FROM messages_by_location WHERE mailbox_id = ? AND uid = ? IF id = ?", location.mailboxId(),
            location.uid(), owner.get());
        return message;
    }

    /** @return the messages that were removed */
    public List<StoredMessage> deleteMailbox(String mailboxId) {
        List<StoredMessage> removed = new ArrayList<>();
        for (long uid : cql.all(row -> row.getLong("uid"), "SELECT uid FROM messages_by_location WHERE mailbox_id = ?",
            mailboxId)) {
            delete(new MailboxLocation(mailboxId, uid)).ifPresent(removed::add);
        }
        return removed;
    }

    private static StoredMessage map(Row row) {
        return new StoredMessage(row.getString("id"), row.getString("organization_id"), row.getString("inbox_id"),
            row.getString("thread_id"), Direction.valueOf(row.getString("direction")),
            new MailboxLocation(row.getString("mailbox_id"), row.getLong("uid")),
            StoredJson.readContent(row.getString("content")), StoredJson.readAnalysis(row.getString("analysis")),
            row.getSet("labels", String.class), row.getLong("size"), row.getInstant("ts"), row.getInstant("created_at"),
            row.getInstant("updated_at"));
    }
}
