package dev.agentmail.domain.service;

import java.time.Duration;

/**
 * Tells the readers of the outbox in this process (the webhook dispatcher, event streams) that something was
 * appended, so that they read at once instead of polling. They still read the outbox itself, which is the truth.
 */
public class EventFeed {
    private long version;

    public synchronized long version() {
        return version;
    }

    public synchronized void appended() {
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
