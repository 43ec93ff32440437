package dev.agentmail.domain.service;

import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.AttachmentReader;
import dev.agentmail.domain.port.AttachmentTextReader;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepository.Key;

import javax.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the text of attachments off the ingest path, on a thread of its own: it takes the queue in batches, one
 * message's raw bytes read once for all its attachments. The queue is stored, so what a restart interrupts is read
 * after it. On a cluster each node's worker reads the shared queue; two reading one attachment save the same text.
 * Reading a document costs more CPU than delivering the mail that carried it, so while such mail keeps arriving the
 * worker holds back to a small share of one core; between deliveries it reads at full speed.
 */
public class AttachmentTextWorker implements AutoCloseable {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(AttachmentTextWorker.class);
    private static final int BATCH = 20;
    /** How often an idle worker looks at the queue for what other nodes added. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(2);
    /** The share of one core reading takes while delivery is busy. */
    static final double SHARE_WHILE_DELIVERING = 0.1;
    /** The longest pause, so that one slow document (or the parsers' first use) does not stall the queue. */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final AttachmentTextRepository texts;
    private final AttachmentTextQueue queue;
    private final MessageService messages;
    private final InboxService inboxes;
    private final MailboxMessages mailbox;
    private final AttachmentReader attachments;
    private final AttachmentTextReader reader;
    private final Clock clock;
    private final Thread loop = new Thread(this::run, "attachment-text-worker");
    private volatile boolean running = true;

    @Inject
    public AttachmentTextWorker(AttachmentTextRepository texts, AttachmentTextQueue queue, MessageService messages,
                                InboxService inboxes, MailboxMessages mailbox, AttachmentReader attachments,
                                AttachmentTextReader reader, Clock clock) {
        this.texts = texts;
        this.queue = queue;
        this.messages = messages;
        this.inboxes = inboxes;
        this.mailbox = mailbox;
        this.attachments = attachments;
        this.reader = reader;
        this.clock = clock;
        loop.setDaemon(true);
    }

    public void start() {
        loop.start();
    }

    private void run() {
        while (running) {
            try {
                long began = System.nanoTime();
                int read = readPending(BATCH);
                Thread.sleep(pauseAfter(Duration.ofNanos(System.nanoTime() - began), queue.addedSince(began)).toMillis());
                if (read < BATCH) {
                    queue.awaitAdded(IDLE_CHECK);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOGGER.warn("Could not read the attachment text queue; will retry", e);
                try {
                    Thread.sleep(IDLE_CHECK.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * How long to wait after reading for {@code reading}: if mail was queued meanwhile, delivery is busy, and the wait
     * keeps reading to its share.
     */
    static Duration pauseAfter(Duration reading, boolean queuedMeanwhile) {
        if (!queuedMeanwhile) {
            return Duration.ZERO;
        }
        Duration pause = Duration.ofNanos((long) (reading.toNanos() * (1 / SHARE_WHILE_DELIVERING - 1)));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
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
            AttachmentText text = read(raw, infos, key);
            if (!running) {
                return; // a read cut short by the shutdown stays pending, and is read after the restart
            }
            texts.save(key, text, clock.instant());
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

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
