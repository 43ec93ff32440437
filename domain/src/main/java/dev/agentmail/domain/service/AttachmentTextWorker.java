package dev.agentmail.domain.service;

import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.AttachmentTextReader;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepository.Key;

import javax.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the text of received attachments off the ingest path: indexing queues them, and this reads the queue in
 * batches, one message's raw bytes at a time. The queue is stored, so what a restart interrupts is read after it.
 */
public class AttachmentTextWorker {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(AttachmentTextWorker.class);

    private final AttachmentTextRepository texts;
    private final MessageService messages;
    private final InboxService inboxes;
    private final MailboxMessages mailbox;
    private final AttachmentReader attachments;
    private final AttachmentTextReader reader;
    private final Clock clock;

    @Inject
    public AttachmentTextWorker(AttachmentTextRepository texts, MessageService messages, InboxService inboxes,
                                MailboxMessages mailbox, AttachmentReader attachments, AttachmentTextReader reader, Clock clock) {
        this.texts = texts;
        this.messages = messages;
        this.inboxes = inboxes;
        this.mailbox = mailbox;
        this.attachments = attachments;
        this.reader = reader;
        this.clock = clock;
    }

    /** Queues the attachments of a received message; sent mail's attachments are the sender's own. */
    public void queue(StoredMessage message) {
        if (message.direction() != Direction.INBOUND || message.content().attachments().isEmpty()) {
            return;
        }
        texts.enqueue(message.content().attachments().stream()
            .map(attachment -> new Key(message.organizationId(), message.inboxId(), message.id(), attachment.id()))
            .toList(), clock.instant());
    }

    /** Reads up to {@code batch} queued attachments; @return how many were read. */
    public int readPending(int batch) {
        List<Key> pending = texts.pending(batch);
        Map<String, List<Key>> byMessage = new LinkedHashMap<>();
        pending.forEach(key -> byMessage.computeIfAbsent(key.messageId(), id -> new ArrayList<>()).add(key));
        byMessage.values().forEach(this::readMessage);
        return pending.size();
    }

    private void readMessage(List<Key> keys) {
        Key first = keys.get(0);
        StoredMessage message;
        byte[] raw;
        try {
            Inbox inbox = inboxes.get(first.organizationId(), first.inboxId());
            message = messages.get(first.organizationId(), first.inboxId(), first.messageId());
            raw = mailbox.read(inbox.emailAddress(), message.location());
        } catch (NotFoundException gone) {
            keys.forEach(key -> texts.save(key, AttachmentText.of(Status.FAILED), clock.instant()));
            return;
        }
        List<AttachmentInfo> infos = message.content().attachments();
        for (Key key : keys) {
            texts.save(key, read(raw, infos, key), clock.instant());
        }
    }

    private AttachmentText read(byte[] raw, List<AttachmentInfo> infos, Key key) {
        Optional<AttachmentInfo> info = infos.stream().filter(attachment -> attachment.id().equals(key.attachmentId())).findFirst();
        if (info.isEmpty()) {
            return AttachmentText.of(Status.FAILED);
        }
        try {
            Optional<byte[]> content = attachments.read(raw, infos.indexOf(info.get()));
            return content.map(bytes -> reader.read(new ByteArrayInputStream(bytes), bytes.length, info.get().contentType(),
                info.get().filename())).orElse(AttachmentText.of(Status.FAILED));
        } catch (RuntimeException e) {
            LOGGER.warn("Could not read the text of attachment {} of message {}", key.attachmentId(), key.messageId(), e);
            return AttachmentText.of(Status.FAILED);
        }
    }
}
