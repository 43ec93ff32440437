package dev.agentmail.domain.service;

import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepository.Key;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Attachments waiting for their text. Indexing adds a message's attachments (one small write, and only for mail
 * that has attachments); the worker reading them is told, so text is ready seconds after delivery. An operator may
 * turn reading off ({@code AGENTMAIL_ATTACHMENT_TEXT=false}): then nothing is queued.
 */
public class AttachmentTextQueue {
    private final AttachmentTextRepository texts;
    private final Clock clock;
    private final boolean enabled;
    private final Semaphore added = new Semaphore(0);
    /** When mail was last queued here, on {@link System#nanoTime}'s scale: elapsed time, not a date. */
    private volatile long lastAddedNanos = System.nanoTime() - Duration.ofDays(1).toNanos();

    public AttachmentTextQueue(AttachmentTextRepository texts, Clock clock) {
        this(texts, clock, true);
    }

    public AttachmentTextQueue(AttachmentTextRepository texts, Clock clock, boolean enabled) {
        this.texts = texts;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Whether attachments are read at all on this server. */
    public boolean enabled() {
        return enabled;
    }

    public void add(StoredMessage message) {
        add(message, message.content().attachments());
    }

    /** Queues some of a message's attachments; those queued or read before stay as they are. */
    void add(StoredMessage message, List<AttachmentInfo> attachments) {
        if (!enabled || attachments.isEmpty()) {
            return;
        }
        texts.enqueue(attachments.stream()
            .map(attachment -> new Key(message.organizationId(), message.inboxId(), message.id(), attachment.id()))
            .toList(), clock.instant());
        lastAddedNanos = System.nanoTime();
        added.release();
    }

    /** Whether this node queued mail after {@code nanos} (a {@link System#nanoTime} reading). */
    boolean addedSince(long nanos) {
        return lastAddedNanos - nanos > 0;
    }

    /** Waits until something is added here, or for {@code timeout} (other nodes add to a shared queue unseen). */
    void awaitAdded(Duration timeout) throws InterruptedException {
        if (added.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            added.drainPermits();
        }
    }
}
