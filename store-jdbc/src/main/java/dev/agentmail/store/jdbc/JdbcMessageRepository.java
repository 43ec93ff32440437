package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.service.Threading;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.store.codec.StoredJson;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** The message index; a message's parsed content is one JSON document, read back whole. */
public class JdbcMessageRepository implements MessageRepository {
    private static final String COLUMNS = "id, organization_id, inbox_id, thread_id, direction, mailbox_id, uid, "
        + "rfc_message_id, normalized_subject, labels, size, ts, created_at, updated_at, content, analysis";
    private static final int MAX_RFC_ID_LENGTH = 998;
    private static final int MAX_SUBJECT_LENGTH = 1000;
    private static final int COUNT_STRIPES = 8;
    private static final int UPSERT_ATTEMPTS = 10;
    /** The listing order, made whole by the id, in the order of the messages_listing index. */
    private static final String NEWEST_FIRST = " ORDER BY ts DESC, created_at DESC, uid DESC, organization_id, id";
    private static final String NEWEST_FIRST_PAGE = NEWEST_FIRST + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

    private final Jdbc jdbc;
    private final ListingAnchors anchors;

    @Inject
    public JdbcMessageRepository(DataSource dataSource) {
        this(dataSource, new ListingAnchors());
    }

    JdbcMessageRepository(DataSource dataSource, ListingAnchors anchors) {
        this.jdbc = new Jdbc(dataSource);
        this.anchors = anchors;
    }

    @Override
    public boolean create(StoredMessage message) {
        return create(message, false);
    }

    @Override
    public boolean createStartingThread(StoredMessage message) {
        return create(message, true);
    }

    private boolean create(StoredMessage message, boolean startsThread) {
        if (!insert(message, startsThread)) {
            return false;
        }
        recordReferences(message);
        return true;
    }

    /**
     * The row, its thread's and its inbox's counts in one transaction. Whoever inserts or deletes a thread's
     * messages takes the thread's row first, so that a delete reading the thread's messages never waits on an
     * insert that waits on it.
     *
     * @return whether the message was new to the index
     */
    private boolean insert(StoredMessage message, boolean startsThread) {
        return jdbc.inTransactionReturning(connection -> {
            boolean newThread = joinThread(connection, message, startsThread);
            try {
                Jdbc.update(connection, "INSERT INTO messages (" + COLUMNS + ", search_text)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    message.id(), message.organizationId(), message.inboxId(), message.threadId(),
                    message.direction().name(), message.location().mailboxId(), message.location().uid(),
                    message.content().rfcMessageId().filter(id -> id.length() <= MAX_RFC_ID_LENGTH).orElse(null),
                    truncate(Threading.normalizeSubject(message.content().subject()), MAX_SUBJECT_LENGTH),
                    StoredJson.writeLabels(message.labels()), message.size(), message.timestamp().toEpochMilli(),
                    message.createdAt().toEpochMilli(), message.updatedAt().toEpochMilli(),
                    StoredJson.writeUtf8(message.content()), StoredJson.writeUtf8(message.analysis()),
                    MessageSearchText.of(message.content()));
            } catch (SQLException e) {
                if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback();
                return false;
            }
            addToCounts(connection, message.organizationId(), message.inboxId(), 1, newThread ? 1 : 0,
                anchors.reorders(message.timestamp().toEpochMilli()));
            return true;
        });
    }

    /**
     * @param startsThread the thread id was just minted: its row is inserted without the UPDATE that looks for it
     *                     first (which cost as much as the INSERT), and updated only if it is there after all
     * @return whether the thread is new to its inbox
     */
    private static boolean joinThread(Connection connection, StoredMessage message, boolean startsThread)
        throws SQLException {
        long ts = message.timestamp().toEpochMilli();
        String insert = "INSERT INTO message_threads (inbox_id, thread_id, organization_id, last_ts) VALUES (?, ?, ?, ?)";
        Object[] insertParameters = {message.inboxId(), message.threadId(), message.organizationId(), ts};
        if (startsThread && insertUnlessPresent(connection, insert, insertParameters)) {
            return true;
        }
        String raise = "UPDATE message_threads SET last_ts = CASE WHEN last_ts < ? THEN ? ELSE last_ts END"
            + " WHERE inbox_id = ? AND thread_id = ?";
        return upsert(connection, raise, new Object[] {ts, ts, message.inboxId(), message.threadId()}, insert,
            insertParameters);
    }

    /**
     * Adds to one stripe of the inbox's counts, picked at random (see V20).
     *
     * @param reorders whether the change may move the listing keys kept for deep pages (see {@link ListingAnchors})
     */
    private static void addToCounts(Connection connection, String organizationId, String inboxId, long messages,
                                    long threads, boolean reorders) throws SQLException {
        int stripe = ThreadLocalRandom.current().nextInt(COUNT_STRIPES);
        int reordered = reorders ? 1 : 0;
        upsert(connection, "UPDATE inbox_counts SET messages = messages + ?, threads = threads + ?,"
                + " reorders = reorders + ? WHERE inbox_id = ? AND stripe = ?",
            new Object[] {messages, threads, reordered, inboxId, stripe},
            "INSERT INTO inbox_counts (inbox_id, stripe, organization_id, messages, threads, reorders)"
                + " VALUES (?, ?, ?, ?, ?, ?)", new Object[] {inboxId, stripe, organizationId, messages, threads, reordered});
    }

    /**
     * Updates the row, or inserts it when there is none. A concurrent insert of the same row makes ours a unique
     * violation, undone before trying again: their row is then updated, or inserted anew if a delete removed it
     * meanwhile.
     *
     * @return whether the row was inserted
     */
    private static boolean upsert(Connection connection, String update, Object[] updateParameters, String insert,
                                  Object[] insertParameters) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            if (Jdbc.update(connection, update, updateParameters) > 0) {
                return false;
            }
            if (insertUnlessPresent(connection, insert, insertParameters)) {
                return true;
            }
            if (attempt == UPSERT_ATTEMPTS) {
                throw new SQLException("a concurrent insert and delete raced this upsert " + attempt + " times",
                    Jdbc.UNIQUE_VIOLATION);
            }
        }
    }

    /**
     * Inserts the row under a savepoint; a unique violation is undone to it (PostgreSQL would abort the whole
     * transaction), and leaves the transaction as it was.
     *
     * @return false when the row was there
     */
    private static boolean insertUnlessPresent(Connection connection, String insert, Object[] parameters)
        throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            Jdbc.update(connection, insert, parameters);
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            return false;
        }
    }

    private void recordReferences(StoredMessage message) {
        Set<String> referenced = new java.util.LinkedHashSet<>(message.content().references());
        message.content().inReplyTo().ifPresent(referenced::add);
        for (String rfcId : referenced) {
            if (rfcId.length() <= MAX_RFC_ID_LENGTH) {
                try {
                    jdbc.update("INSERT INTO message_references (inbox_id, referenced_id, message_id, thread_id) VALUES (?, ?, ?, ?)",
                        message.inboxId(), rfcId, message.id(), message.threadId());
                } catch (SQLException e) {
                    if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw Jdbc.failure(e);
                    }
                }
            }
        }
    }

    @Override
    public Optional<String> threadReferencing(String inboxId, String rfcMessageId) {
        if (rfcMessageId.length() > MAX_RFC_ID_LENGTH) {
            return Optional.empty();
        }
        return jdbc.queryOne("SELECT r.thread_id FROM message_references r JOIN messages m ON m.id = r.message_id"
            + " WHERE r.inbox_id = ? AND r.referenced_id = ? FETCH FIRST 1 ROWS ONLY", row -> row.getString("thread_id"),
            inboxId, rfcMessageId);
    }

    @Override
    public Optional<StoredMessage> find(String organizationId, String inboxId, String messageId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM messages WHERE organization_id = ? AND inbox_id = ? AND id = ?",
            this::map, organizationId, inboxId, messageId);
    }

    @Override
    public Optional<StoredMessage> findByRfcMessageId(String inboxId, Direction direction, String rfcMessageId) {
        if (rfcMessageId.length() > MAX_RFC_ID_LENGTH) {
            return Optional.empty();
        }
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM messages WHERE inbox_id = ? AND rfc_message_id = ?"
            + " AND direction = ? ORDER BY ts DESC FETCH FIRST 1 ROWS ONLY", this::map, inboxId, rfcMessageId,
            direction.name());
    }

    @Override
    public Optional<StoredMessage> findByLocation(MailboxLocation location) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM messages WHERE mailbox_id = ? AND uid = ?", this::map,
            location.mailboxId(), location.uid());
    }

    @Override
    public Page<StoredMessage> list(String organizationId, String inboxId, MessageSearch search, PageRequest pageRequest) {
        // The plain list reads the listing index alone; a search also reads each row of the inbox's search column.
        // Only the page's rows are then read with their large columns.
        if (search.words().isEmpty() && search.direction().isEmpty()) {
            return listAll(organizationId, inboxId, pageRequest);
        }
        String where = " WHERE inbox_id = ? AND organization_id = ?"
            + " AND search_text LIKE ? ESCAPE '\\'".repeat(search.words().size())
            + (search.direction().isPresent() ? " AND direction = ?" : "");
        List<Object> parameters = new ArrayList<>(List.of(inboxId, organizationId));
        search.words().forEach(word -> parameters.add(MessageSearchText.containing(word)));
        search.direction().ifPresent(direction -> parameters.add(direction.name()));
        long total = jdbc.count("SELECT COUNT(*) FROM messages" + where, parameters.toArray());
        parameters.add(pageRequest.offset());
        parameters.add(pageRequest.pageSize());
        return Page.of(byIds(jdbc.query("SELECT id FROM messages" + where + NEWEST_FIRST_PAGE, row -> row.getString("id"),
            parameters.toArray())), total, pageRequest);
    }

    /** A page of the whole inbox; a deep one starts from the nearest listing key kept above it (see ListingAnchors). */
    private Page<StoredMessage> listAll(String organizationId, String inboxId, PageRequest pageRequest) {
        long[] counts = jdbc.queryOne("SELECT SUM(messages), SUM(reorders) FROM inbox_counts"
                + " WHERE inbox_id = ? AND organization_id = ?", row -> new long[] {row.getLong(1), row.getLong(2)},
            inboxId, organizationId).orElseThrow();
        long total = counts[0];
        Optional<ListingAnchors.Start> start = anchors.start(inboxId, total, counts[1], pageRequest.offset(),
            reader -> jdbc.forEach("SELECT ts, created_at, uid, id FROM messages WHERE inbox_id = ?"
                + " AND organization_id = ?" + NEWEST_FIRST, row -> reader.accept(ListingAnchors.Key.of(row)), inboxId,
                organizationId));
        String where = " WHERE inbox_id = ? AND organization_id = ?";
        List<String> ids;
        if (start.isPresent()) {
            ListingAnchors.Key key = start.get().key();
            // ts <= ? bounds the index range; the rest leaves out what sorts above the key at its timestamp.
            ids = jdbc.query("SELECT id FROM messages" + where + " AND ts <= ? AND (ts < ? OR created_at < ?"
                    + " OR (created_at = ? AND (uid < ? OR (uid = ? AND id >= ?))))" + NEWEST_FIRST_PAGE,
                row -> row.getString("id"), inboxId, organizationId, key.ts(), key.ts(), key.createdAt(),
                key.createdAt(), key.uid(), key.uid(), key.id(), start.get().skip(), pageRequest.pageSize());
        } else {
            ids = jdbc.query("SELECT id FROM messages" + where + NEWEST_FIRST_PAGE, row -> row.getString("id"),
                inboxId, organizationId, pageRequest.offset(), pageRequest.pageSize());
        }
        return Page.of(byIds(ids), total, pageRequest);
    }

    /** The messages of these ids, in the order given. */
    private List<StoredMessage> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StoredMessage> found = new HashMap<>();
        for (StoredMessage message : jdbc.query("SELECT " + COLUMNS + " FROM messages WHERE id IN ("
            + ids.stream().map(id -> "?").collect(Collectors.joining(", ")) + ")", this::map, ids.toArray())) {
            found.put(message.id(), message);
        }
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public Optional<StoredMessage> latest(String organizationId, String inboxId, Direction direction, Optional<Instant> after) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM messages WHERE organization_id = ? AND inbox_id = ? AND direction = ?"
                + " AND ts > ? ORDER BY ts DESC, created_at DESC, uid DESC FETCH FIRST 1 ROWS ONLY", this::map,
            organizationId, inboxId, direction.name(), after.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
    }

    @Override
    public List<StoredMessage> listThread(String organizationId, String inboxId, String threadId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM messages WHERE organization_id = ? AND inbox_id = ? AND thread_id = ?"
            + " ORDER BY ts, created_at, uid", this::map, organizationId, inboxId, threadId);
    }

    @Override
    public Page<String> listThreadIds(String organizationId, String inboxId, PageRequest pageRequest) {
        return Page.of(jdbc.query("SELECT thread_id FROM message_threads WHERE inbox_id = ? AND organization_id = ?"
                    + " ORDER BY last_ts DESC, thread_id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                row -> row.getString("thread_id"), inboxId, organizationId, pageRequest.offset(), pageRequest.pageSize()),
            jdbc.count("SELECT SUM(threads) FROM inbox_counts WHERE inbox_id = ? AND organization_id = ?", inboxId,
                organizationId),
            pageRequest);
    }

    @Override
    public Optional<String> threadOfRfcMessageIds(String inboxId, Collection<String> rfcMessageIds) {
        List<String> ids = rfcMessageIds.stream().filter(id -> id.length() <= MAX_RFC_ID_LENGTH).distinct().limit(100).toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        String placeholders = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        Object[] parameters = new Object[ids.size() + 1];
        parameters[0] = inboxId;
        for (int i = 0; i < ids.size(); i++) {
            parameters[i + 1] = ids.get(i);
        }
        return jdbc.queryOne("SELECT thread_id FROM messages WHERE inbox_id = ? AND rfc_message_id IN (" + placeholders
            + ") ORDER BY ts DESC FETCH FIRST 1 ROWS ONLY", row -> row.getString("thread_id"), parameters);
    }

    @Override
    public List<StoredMessage> recentWithSubject(String inboxId, String normalizedSubject, Instant since, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM messages WHERE inbox_id = ? AND normalized_subject = ? AND ts >= ?"
                + " ORDER BY ts DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", this::map,
            inboxId, truncate(normalizedSubject, MAX_SUBJECT_LENGTH), since.toEpochMilli());
    }

    @Override
    public void updateLabels(String messageId, Set<String> labels, Instant updatedAt) {
        jdbc.updateOrFail("UPDATE messages SET labels = ?, updated_at = ? WHERE id = ?", StoredJson.writeLabels(labels),
            updatedAt.toEpochMilli(), messageId);
    }

    @Override
    public boolean delete(MailboxLocation location) {
        Optional<Map.Entry<ThreadOfInbox, Long>> found = jdbc.queryOne("SELECT organization_id, inbox_id, thread_id, ts"
                + " FROM messages WHERE mailbox_id = ? AND uid = ?", row -> Map.entry(ThreadOfInbox.of(row), row.getLong("ts")),
            location.mailboxId(), location.uid());
        if (found.isEmpty()) {
            return false;
        }
        Optional<ThreadOfInbox> thread = found.map(Map.Entry::getKey);
        boolean reorders = anchors.reorders(found.get().getValue());
        return jdbc.inTransactionReturning(connection -> {
            takeThread(connection, thread.get());
            Jdbc.update(connection, "DELETE FROM message_references WHERE message_id IN"
                + " (SELECT id FROM messages WHERE mailbox_id = ? AND uid = ?)", location.mailboxId(), location.uid());
            if (Jdbc.update(connection, "DELETE FROM messages WHERE mailbox_id = ? AND uid = ?", location.mailboxId(),
                location.uid()) == 0) {
                connection.rollback(); // deleted meanwhile, and counted out by whoever did
                return false;
            }
            boolean threadGone = settleThread(connection, thread.get());
            addToCounts(connection, thread.get().organizationId(), thread.get().inboxId(), -1, threadGone ? -1 : 0,
                reorders);
            return true;
        });
    }

    @Override
    public int deleteMailbox(String mailboxId) {
        // A mailbox belongs to one inbox; its threads in the order every deletion takes them.
        List<ThreadOfInbox> threads = jdbc.query("SELECT DISTINCT organization_id, inbox_id, thread_id FROM messages"
            + " WHERE mailbox_id = ? ORDER BY inbox_id, thread_id", ThreadOfInbox::of, mailboxId);
        if (threads.isEmpty()) {
            return 0;
        }
        return jdbc.inTransactionReturning(connection -> {
            for (ThreadOfInbox thread : threads) {
                takeThread(connection, thread);
            }
            Jdbc.update(connection, "DELETE FROM message_references WHERE message_id IN"
                + " (SELECT id FROM messages WHERE mailbox_id = ?)", mailboxId);
            int deleted = Jdbc.update(connection, "DELETE FROM messages WHERE mailbox_id = ?", mailboxId);
            int threadsGone = 0;
            for (ThreadOfInbox thread : threads) {
                threadsGone += settleThread(connection, thread) ? 1 : 0;
            }
            addToCounts(connection, threads.get(0).organizationId(), threads.get(0).inboxId(), -deleted, -threadsGone,
                true);
            return deleted;
        });
    }

    private record ThreadOfInbox(String organizationId, String inboxId, String threadId) {
        static ThreadOfInbox of(ResultSet row) throws SQLException {
            return new ThreadOfInbox(row.getString("organization_id"), row.getString("inbox_id"),
                row.getString("thread_id"));
        }
    }

    /** Locks the thread's row (see {@link #insert}) before any of its messages is deleted. */
    private static void takeThread(Connection connection, ThreadOfInbox thread) throws SQLException {
        Jdbc.update(connection, "UPDATE message_threads SET last_ts = last_ts WHERE inbox_id = ? AND thread_id = ?",
            thread.inboxId(), thread.threadId());
    }

    /**
     * After messages of the thread were deleted: removes its row if none is left, or dates it by the newest left.
     *
     * @return whether the thread is gone
     */
    private static boolean settleThread(Connection connection, ThreadOfInbox thread) throws SQLException {
        Long newest = Jdbc.query(connection, "SELECT MAX(ts) FROM messages WHERE inbox_id = ? AND thread_id = ?",
            row -> {
                long ts = row.getLong(1);
                return row.wasNull() ? null : ts;
            }, thread.inboxId(), thread.threadId()).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (newest == null) {
            Jdbc.update(connection, "DELETE FROM message_threads WHERE inbox_id = ? AND thread_id = ?", thread.inboxId(),
                thread.threadId());
            return true;
        }
        Jdbc.update(connection, "UPDATE message_threads SET last_ts = ? WHERE inbox_id = ? AND thread_id = ?", newest,
            thread.inboxId(), thread.threadId());
        return false;
    }

    private StoredMessage map(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString("id"), row.getString("organization_id"), row.getString("inbox_id"),
            row.getString("thread_id"), Direction.valueOf(row.getString("direction")),
            new MailboxLocation(row.getString("mailbox_id"), row.getLong("uid")),
            StoredJson.readContent(row.getBytes("content")), StoredJson.readAnalysis(row.getBytes("analysis")),
            StoredJson.readLabels(row.getString("labels")),
            row.getLong("size"), Instant.ofEpochMilli(row.getLong("ts")), Instant.ofEpochMilli(row.getLong("created_at")),
            Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
