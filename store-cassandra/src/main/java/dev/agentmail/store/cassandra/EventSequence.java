package dev.agentmail.store.cassandra;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The outbox's event numbers, made on each node without asking the others: the time in milliseconds, then a number
 * drawn at random for this node, then a counter within the millisecond. Numbers grow with time on every node and
 * across nodes as far as their clocks agree (Cassandra wants them in step anyway); event streams read the last
 * seconds again, so an event numbered a little behind one from another node is passed on late, not skipped. A
 * cluster-wide counter would cost a Paxos round per event, all on one row, and hold up indexing behind it.
 *
 * <p>Two nodes that drew the same number could number two events alike within one millisecond; the events table keys
 * rows by number and id, so both are kept.
 */
final class EventSequence {
    private static final int COUNTER_BITS = 10;
    private static final int NODE_BITS = 12;
    private static final int TIME_SHIFT = COUNTER_BITS + NODE_BITS;
    private static final long COUNTER_LIMIT = 1L << COUNTER_BITS;

    private final Clock clock;
    private final long node = new SecureRandom().nextInt(1 << NODE_BITS);
    private long millis;
    private long counter;
    private long last;

    EventSequence(Clock clock) {
        this.clock = clock;
    }

    synchronized long next() {
        // A clock set back, or more events in a millisecond than the counter holds, borrow from the next millisecond.
        long now = Math.max(clock.millis(), millis);
        if (now == millis && ++counter >= COUNTER_LIMIT) {
            now++;
        }
        if (now != millis) {
            millis = now;
            counter = 0;
        }
        last = (millis << TIME_SHIFT) | (node << COUNTER_BITS) | counter;
        return last;
    }

    /** A number no event made from now on stays below: this node's last, or where the clock stands. */
    synchronized long last() {
        return Math.max(last, (clock.millis() << TIME_SHIFT) - 1);
    }
}
