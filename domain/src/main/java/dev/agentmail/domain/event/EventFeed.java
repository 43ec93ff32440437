package dev.agentmail.domain.event;

import dev.agentmail.domain.model.EventType;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tells the readers of the outbox in this process (the webhook dispatcher, event streams, waiting API calls) that
 * something was appended, so that they read at once instead of polling. They still read the outbox itself, which is
 * the truth. With several nodes, a relay passes on what this node recorded and rings for what the others did.
 */
public class EventFeed {
    /** What was appended, and whether this node appended it ({@code local}) or another node of the cluster did. */
    public record Appended(String organizationId, EventType type, Optional<String> inboxId, boolean local) {
    }

    private final InProcessBus<Appended> notices = new InProcessBus<>() {
        @Override
        String describe(Appended event) {
            return event.type().wireName() + " of " + event.organizationId();
        }
    };
    private long version;

    public synchronized long version() {
        return version;
    }

    /** Something became due without a new event (a redelivery, retries brought forward): readers look again. */
    public void appended() {
        ring();
    }

    /** An event was appended to the outbox, by this node or, as a relay reports, by another one. */
    public void appended(Appended event) {
        ring();
        notices.publish(event);
    }

    /** @return a handle that unsubscribes */
    public AutoCloseable subscribe(Consumer<Appended> subscriber) {
        return notices.subscribe(subscriber);
    }

    private synchronized void ring() {
        version++;
        notifyAll();
    }

    /** Waits until the version moves past {@code seen} or the timeout passes. */
    public synchronized void awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
