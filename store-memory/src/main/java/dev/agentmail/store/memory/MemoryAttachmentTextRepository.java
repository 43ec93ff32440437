package dev.agentmail.store.memory;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.store.AttachmentTextRepository;

import javax.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Attachment texts beside {@link MemoryMessageRepository}, whose search matches the text read. */
public final class MemoryAttachmentTextRepository implements AttachmentTextRepository {
    private record Queued(Key key, Instant at) {
        static final Comparator<Queued> OLDEST_FIRST = Comparator.comparing(Queued::at)
            .thenComparing(queued -> queued.key().messageId())
            .thenComparing(queued -> queued.key().attachmentId());
    }

    private record Row(Key key, AttachmentText text, Instant queuedAt) {
    }

    private final MemoryMessageRepository messages;
    private final Map<String, TreeMap<String, Row>> byMessage = new HashMap<>();
    private final NavigableSet<Queued> pending = new TreeSet<>(Queued.OLDEST_FIRST);

    @Inject
    public MemoryAttachmentTextRepository(MemoryMessageRepository messages) {
        this.messages = messages;
    }

    @Override
    public synchronized void enqueue(List<Key> attachments, Instant at) {
        for (Key key : attachments) {
            TreeMap<String, Row> rows = byMessage.computeIfAbsent(key.messageId(), id -> new TreeMap<>());
            if (!rows.containsKey(key.attachmentId())) {
                rows.put(key.attachmentId(), new Row(key, AttachmentText.of(Status.PENDING), at));
                pending.add(new Queued(key, at));
            }
        }
    }

    @Override
    public synchronized List<Key> pending(int limit) {
        return pending.stream().limit(limit).map(Queued::key).toList();
    }

    @Override
    public synchronized void save(Key attachment, AttachmentText text, Instant at) {
        Row row = byMessage.getOrDefault(attachment.messageId(), new TreeMap<>()).get(attachment.attachmentId());
        if (row != null) {
            pending.remove(new Queued(row.key(), row.queuedAt()));
            byMessage.get(attachment.messageId()).put(attachment.attachmentId(), new Row(row.key(), text, row.queuedAt()));
            if (text.status() == Status.PENDING) {
                pending.add(new Queued(row.key(), row.queuedAt()));
            }
        }
        text.text().ifPresent(ready -> messages.addAttachmentText(attachment.organizationId(), attachment.messageId(), ready));
    }

    @Override
    public synchronized Map<String, AttachmentText> forMessage(String organizationId, String messageId) {
        Map<String, AttachmentText> texts = new TreeMap<>();
        byMessage.getOrDefault(messageId, new TreeMap<>()).values().stream()
            .filter(row -> row.key().organizationId().equals(organizationId))
            .forEach(row -> texts.put(row.key().attachmentId(), row.text()));
        return texts;
    }
}
