package dev.agentmail.store.cassandra;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.store.AttachmentTextRepository;

import javax.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A message's attachment texts in one partition, and the pending ones in a queue partition by time. An attachment
 * is queued once, by IF NOT EXISTS; a stale queue entry (its attachment read meanwhile) is dropped when met.
 * Search over the text is the OpenSearch index's, like the rest of the distributed profile's search.
 */
public class CassandraAttachmentTextRepository implements AttachmentTextRepository {
    private static final int QUEUE = 0;

    private final Cql cql;

    @Inject
    public CassandraAttachmentTextRepository(CassandraStore store) {
        this.cql = store.cql();
    }

    @Override
    public void enqueue(List<Key> attachments, Instant at) {
        for (Key key : attachments) {
            if (cql.applied("INSERT INTO attachment_texts (message_id, attachment_id, organization_id, inbox_id, status,"
                + " queued_at) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS", key.messageId(), key.attachmentId(),
                key.organizationId(), key.inboxId(), Status.PENDING.name(), at)) {
                cql.execute("INSERT INTO attachment_texts_pending (bucket, queued_at, message_id, attachment_id,"
                    + " organization_id, inbox_id) VALUES (?, ?, ?, ?, ?, ?)", QUEUE, at, key.messageId(),
                    key.attachmentId(), key.organizationId(), key.inboxId());
            }
        }
    }

    @Override
    public List<Key> pending(int limit) {
        return cql.all(row -> new Key(row.getString("organization_id"), row.getString("inbox_id"),
                row.getString("message_id"), row.getString("attachment_id")),
            "SELECT organization_id, inbox_id, message_id, attachment_id FROM attachment_texts_pending WHERE bucket = ?"
                + " LIMIT ?", QUEUE, limit);
    }

    @Override
    public void save(Key attachment, AttachmentText text, Instant at) {
        Optional<Instant> queuedAt = cql.one(row -> row.getInstant("queued_at"),
            "SELECT queued_at FROM attachment_texts WHERE message_id = ? AND attachment_id = ?",
            attachment.messageId(), attachment.attachmentId());
        if (queuedAt.isEmpty()) {
            return;
        }
        cql.execute("UPDATE attachment_texts SET status = ?, text_content = ?, read_at = ? WHERE message_id = ?"
            + " AND attachment_id = ?", text.status().name(), text.text().orElse(null), at, attachment.messageId(),
            attachment.attachmentId());
        cql.execute("DELETE FROM attachment_texts_pending WHERE bucket = ? AND queued_at = ? AND message_id = ?"
            + " AND attachment_id = ?", QUEUE, queuedAt.get(), attachment.messageId(), attachment.attachmentId());
    }

    @Override
    public Map<String, AttachmentText> forMessage(String organizationId, String messageId) {
        Map<String, AttachmentText> texts = new TreeMap<>();
        cql.all(row -> row, "SELECT attachment_id, organization_id, status, text_content FROM attachment_texts"
                + " WHERE message_id = ?", messageId).stream()
            .filter(row -> organizationId.equals(row.getString("organization_id")))
            .forEach(row -> texts.put(row.getString("attachment_id"), new AttachmentText(Status.valueOf(row.getString("status")),
                Optional.ofNullable(row.getString("text_content")))));
        return texts;
    }
}
