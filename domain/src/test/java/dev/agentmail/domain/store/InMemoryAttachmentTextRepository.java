package dev.agentmail.domain.store;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Attachment texts in memory, for tests of the services that use them; ready text is searched with its message. */
public class InMemoryAttachmentTextRepository implements AttachmentTextRepository {
    private record Row(Key key, AttachmentText text, Instant queuedAt) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final InMemoryMessageRepository messages;

    public InMemoryAttachmentTextRepository() {
        this(new InMemoryMessageRepository());
    }

    public InMemoryAttachmentTextRepository(InMemoryMessageRepository messages) {
        this.messages = messages;
    }

    private static String id(Key key) {
        return key.messageId() + "/" + key.attachmentId();
    }

    @Override
    public synchronized void enqueue(List<Key> attachments, Instant at) {
        attachments.forEach(key -> rows.putIfAbsent(id(key), new Row(key, AttachmentText.of(Status.PENDING), at)));
    }

    @Override
    public synchronized List<Key> pending(int limit) {
        List<Row> pending = new ArrayList<>(rows.values().stream().filter(row -> row.text.status() == Status.PENDING).toList());
        pending.sort((a, b) -> a.queuedAt.compareTo(b.queuedAt));
        return pending.stream().limit(limit).map(Row::key).toList();
    }

    @Override
    public synchronized void save(Key attachment, AttachmentText text, Instant at) {
        if (rows.computeIfPresent(id(attachment), (id, row) -> new Row(row.key, text, row.queuedAt)) != null) {
            text.text().ifPresent(ready -> messages.addAttachmentText(attachment.messageId(), ready));
        }
    }

    @Override
    public synchronized Map<String, AttachmentText> forMessage(String organizationId, String messageId) {
        Map<String, AttachmentText> texts = new TreeMap<>();
        rows.values().stream().filter(row -> row.key.messageId().equals(messageId) && row.key.organizationId().equals(organizationId))
            .forEach(row -> texts.put(row.key.attachmentId(), row.text));
        return texts;
    }
}
