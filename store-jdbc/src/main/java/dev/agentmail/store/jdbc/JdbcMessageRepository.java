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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The message index; a message's parsed content is one JSON document, read back whole. */
public class JdbcMessageRepository implements MessageRepository {
    private static final String COLUMNS = "id, organization_id, inbox_id, thread_id, direction, mailbox_id, uid, "
        + "rfc_message_id, normalized_subject, labels, size, ts, created_at, updated_at, content, analysis";
    private static final int MAX_RFC_ID_LENGTH = 998;
    private static final int MAX_SUBJECT_LENGTH = 1000;

    private final Jdbc jdbc;

    @Inject
    public JdbcMessageRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public boolean create(StoredMessage message) {
        if (!insert(message)) {
            return false;
        }
        recordReferences(message);
        return true;
    }

    /** @return whether the message was new to the index */
    private boolean insert(StoredMessage message) {
        try {
            jdbc.update("INSERT INTO messages (" + COLUMNS + ", search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                message.id(), message.organizationId(), message.inboxId(), message.threadId(), message.direction().name(),
                message.location().mailboxId(), message.location().uid(),
                message.content().rfcMessageId().filter(id -> id.length() <= MAX_RFC_ID_LENGTH).orElse(null),
                truncate(Threading.normalizeSubject(message.content().subject()), MAX_SUBJECT_LENGTH),
                StoredJson.writeLabels(message.labels()), message.size(), message.timestamp().toEpochMilli(),
                message.createdAt().toEpochMilli(), message.updatedAt().toEpochMilli(),
                StoredJson.write(message.content()), StoredJson.write(message.analysis()),
                MessageSearchText.of(message.content()));
            return true;
        } catch (SQLException e) {
            if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw Jdbc.failure(e);
            }
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
        String where = " WHERE inbox_id = ? AND organization_id = ?"
            + " AND search_text LIKE ? ESCAPE '\\'".repeat(search.words().size())
            + (search.direction().isPresent() ? " AND direction = ?" : "");
        List<Object> parameters = new ArrayList<>(List.of(inboxId, organizationId));
        search.words().forEach(word -> parameters.add(MessageSearchText.containing(word)));
        search.direction().ifPresent(direction -> parameters.add(direction.name()));
        long total = jdbc.count("SELECT COUNT(*) FROM messages" + where, parameters.toArray());
        parameters.add(pageRequest.offset());
        parameters.add(pageRequest.pageSize());
        List<String> ids = jdbc.query("SELECT id FROM messages" + where
                + " ORDER BY ts DESC, created_at DESC, uid DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
            row -> row.getString("id"), parameters.toArray());
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
        // All messages of an inbox belong to its organization: checked once on one index entry, the inbox alone
        // then lets both queries read only the (inbox_id, thread_id, ts) index instead of every row.
        boolean foreign = jdbc.queryOne("SELECT organization_id FROM messages WHERE inbox_id = ? FETCH FIRST 1 ROWS ONLY",
            row -> row.getString(1), inboxId).filter(owner -> !owner.equals(organizationId)).isPresent();
        if (foreign) {
            return Page.of(List.of(), 0, pageRequest);
        }
        return Page.of(jdbc.query("SELECT thread_id, MAX(ts) AS last_ts FROM messages WHERE inbox_id = ?"
                    + " GROUP BY thread_id ORDER BY last_ts DESC, thread_id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                row -> row.getString("thread_id"), inboxId, pageRequest.offset(), pageRequest.pageSize()),
            jdbc.count("SELECT COUNT(DISTINCT thread_id) FROM messages WHERE inbox_id = ?", inboxId),
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
        jdbc.updateOrFail("DELETE FROM message_references WHERE message_id IN"
            + " (SELECT id FROM messages WHERE mailbox_id = ? AND uid = ?)", location.mailboxId(), location.uid());
        return jdbc.updateOrFail("DELETE FROM messages WHERE mailbox_id = ? AND uid = ?", location.mailboxId(),
            location.uid()) > 0;
    }

    @Override
    public int deleteMailbox(String mailboxId) {
        jdbc.updateOrFail("DELETE FROM message_references WHERE message_id IN (SELECT id FROM messages WHERE mailbox_id = ?)",
            mailboxId);
        return jdbc.updateOrFail("DELETE FROM messages WHERE mailbox_id = ?", mailboxId);
    }

    private StoredMessage map(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString("id"), row.getString("organization_id"), row.getString("inbox_id"),
            row.getString("thread_id"), Direction.valueOf(row.getString("direction")),
            new MailboxLocation(row.getString("mailbox_id"), row.getLong("uid")),
            StoredJson.readContent(row.getString("content")), StoredJson.readAnalysis(row.getString("analysis")),
            StoredJson.readLabels(row.getString("labels")),
            row.getLong("size"), Instant.ofEpochMilli(row.getLong("ts")), Instant.ofEpochMilli(row.getLong("created_at")),
            Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
