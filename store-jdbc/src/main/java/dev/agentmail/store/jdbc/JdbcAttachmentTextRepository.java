package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.store.AttachmentTextRepository;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

public class JdbcAttachmentTextRepository implements AttachmentTextRepository {
    private final Jdbc jdbc;

    @Inject
    public JdbcAttachmentTextRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** The primary key keeps an attachment queued once: a second insert is a unique violation, and left at that. */
    @Override
    public void enqueue(List<Key> attachments, Instant at) {
        for (Key key : attachments) {
            try {
                jdbc.update("INSERT INTO attachment_texts (message_id, attachment_id, organization_id, inbox_id, status, queued_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", key.messageId(), key.attachmentId(), key.organizationId(), key.inboxId(),
                    Status.PENDING.name(), at.toEpochMilli());
            } catch (SQLException e) {
                if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw Jdbc.failure(e);
                }
            }
        }
    }

    @Override
    public List<Key> pending(int limit) {
        return jdbc.query("SELECT organization_id, inbox_id, message_id, attachment_id FROM attachment_texts"
                + " WHERE status = ? ORDER BY queued_at, message_id, attachment_id FETCH FIRST " + limit + " ROWS ONLY",
            row -> new Key(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), Status.PENDING.name());
    }

    /** The text and the message's search column change together, so a search never misses text that is shown. */
    @Override
    public void save(Key attachment, AttachmentText text, Instant at) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "UPDATE attachment_texts SET status = ?, text_content = ?, read_at = ?"
                    + " WHERE message_id = ? AND attachment_id = ?", text.status().name(), text.text().orElse(null),
                at.toEpochMilli(), attachment.messageId(), attachment.attachmentId());
            if (text.text().isPresent()) {
                Jdbc.update(connection, "UPDATE messages SET search_text = search_text || ? WHERE id = ? AND organization_id = ?",
                    "\n" + text.text().get().toLowerCase(Locale.ROOT), attachment.messageId(), attachment.organizationId());
            }
        });
    }

    @Override
    public Map<String, AttachmentText> forMessage(String organizationId, String messageId) {
        Map<String, AttachmentText> texts = new LinkedHashMap<>();
        jdbc.query("SELECT attachment_id, status, text_content FROM attachment_texts WHERE message_id = ? AND organization_id = ?"
                + " ORDER BY attachment_id",
            row -> texts.put(row.getString(1), new AttachmentText(Status.valueOf(row.getString(2)),
                Optional.ofNullable(row.getString(3)))), messageId, organizationId);
        return texts;
    }
}
