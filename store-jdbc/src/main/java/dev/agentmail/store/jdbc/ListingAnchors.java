package dev.agentmail.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the deep pages of an inbox's newest-first listing start. The spec pages by number, which SQL answers with an
 * OFFSET that steps over every index entry before the page: 50 000 of them for a page 50 000 messages in. For each
 * inbox listed that deep this keeps the listing key of about every {@code spacing}-th message, with how many
 * messages sort at or below it, so that a page is a range read from the nearest key above it that skips fewer than
 * {@code spacing} entries.
 *
 * <p>Counted from the oldest end, those numbers stay right while mail arrives, since new mail sorts above every key
 * kept: keys are only taken from messages older than twice {@link #FRESH}. Adding or deleting a message older than
 * {@link #FRESH} could move them, so it adds to the inbox's {@code reorders} count in the same transaction (see
 * {@link #reorders}), and keys taken at another count are not used. The margin between the two also covers the clocks
 * of servers that share the database, as long as they differ by less than {@link #FRESH}.
 */
final class ListingAnchors {
    private static final Duration FRESH = Duration.ofMinutes(1);
    private static final int SPACING = 256;
    /** Shallower pages are read with their OFFSET, which costs less than reading the inbox's keys to avoid it. */
    private static final int MIN_DEPTH = 2_000;
    private static final int INBOXES_KEPT = 256;
    private static final int BUILD_LOCKS = 64;

    /**
     * A message's place in the listing: newest first by timestamp, then by creation, then by uid, then by id, which
     * tells apart messages of the inbox's mailboxes that share the rest.
     */
    record Key(long ts, long createdAt, long uid, String id) {
        static Key of(ResultSet row) throws SQLException {
            return new Key(row.getLong("ts"), row.getLong("created_at"), row.getLong("uid"), row.getString("id"));
        }
    }

    /** Where a page starts: at the messages that sort at or below {@code key}, newest first, less the first {@code skip}. */
    record Start(Key key, long skip) {
    }

    /** Reads an inbox's listing keys, newest first. */
    interface Listing {
        void readNewestFirst(Consumer<Key> reader);
    }

    /**
     * The keys kept for one inbox, taken when its reorders count was {@code reorders}.
     *
     * @param atOrBelow how many messages sort at or below each key, ascending
     */
    record Anchors(long reorders, long takenAt, long[] atOrBelow, Key[] keys) {
        /** The start of the page {@code offset} messages from the newest of {@code total}, when a key is nearer than the newest. */
        Optional<Start> startOf(long total, long offset) {
            long wanted = total - offset; // messages at or below the page's first
            int found = Arrays.binarySearch(atOrBelow, wanted);
            int index = found >= 0 ? found : -found - 1;
            if (wanted <= 0 || index == atOrBelow.length || atOrBelow[index] - wanted >= offset) {
                return Optional.empty();
            }
            return Optional.of(new Start(keys[index], atOrBelow[index] - wanted));
        }
    }

    /** Keeps about every {@code spacing}-th key of a newest-first listing older than the cutoff. */
    private static final class Builder implements Consumer<Key> {
        private final int spacing;
        private final long cutoff;
        private final List<Key> kept = new ArrayList<>();
        private final List<Long> positions = new ArrayList<>();
        private long seen;
        private long nextAt;

        Builder(int spacing, long cutoff) {
            this.spacing = spacing;
            this.cutoff = cutoff;
        }

        @Override
        public void accept(Key key) {
            long position = seen++;
            if (position >= nextAt && key.ts() < cutoff) {
                kept.add(key);
                positions.add(position);
                nextAt = position + spacing;
            }
        }

        Anchors build(long reorders, long takenAt) {
            int count = kept.size();
            long[] atOrBelow = new long[count];
            Key[] keys = new Key[count];
            for (int i = 0; i < count; i++) {
                int from = count - 1 - i; // kept newest first, held oldest first
                atOrBelow[i] = seen - positions.get(from);
                keys[i] = kept.get(from);
            }
            return new Anchors(reorders, takenAt, atOrBelow, keys);
        }
    }

    private final int spacing;
    private final int minDepth;
    private final Clock clock;
    private final Map<String, Anchors> byInbox = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Anchors> eldest) {
            return size() > INBOXES_KEPT;
        }
    };
    private final Object[] buildLocks = new Object[BUILD_LOCKS];

    ListingAnchors() {
        this(SPACING, MIN_DEPTH, Clock.systemUTC());
    }

    ListingAnchors(int spacing, int minDepth, Clock clock) {
        this.spacing = spacing;
        this.minDepth = minDepth;
        this.clock = clock;
        Arrays.setAll(buildLocks, i -> new Object());
    }

    /** Whether adding or deleting a message of this timestamp now may move the keys kept. */
    boolean reorders(long ts) {
        return ts < clock.millis() - FRESH.toMillis();
    }

    /**
     * Where the page {@code offset} messages from the newest starts, reading the inbox's keys first when none usable
     * are kept. {@code total} and {@code reorders} must have been read before {@code listing} is.
     */
    Optional<Start> start(String inboxId, long total, long reorders, long offset, Listing listing) {
        if (offset < minDepth || offset >= total) {
            return Optional.empty();
        }
        Anchors anchors = kept(inboxId);
        if (!usable(anchors, total, reorders, offset)) {
            // One reader per inbox reads the keys; the others wait for them.
            synchronized (buildLocks[Math.floorMod(inboxId.hashCode(), BUILD_LOCKS)]) {
                anchors = kept(inboxId);
                if (!usable(anchors, total, reorders, offset)) {
                    long now = clock.millis();
                    Builder builder = new Builder(spacing, now - 2 * FRESH.toMillis());
                    listing.readNewestFirst(builder);
                    anchors = builder.build(reorders, now);
                    synchronized (byInbox) {
                        byInbox.put(inboxId, anchors);
                    }
                }
            }
        }
        return anchors.startOf(total, offset);
    }

    /** Taken at this reorders count, and either near the page or too recent for newer keys to be kept. */
    private boolean usable(Anchors anchors, long total, long reorders, long offset) {
        return anchors != null && anchors.reorders() == reorders
            && (anchors.startOf(total, offset).isPresent() || clock.millis() - anchors.takenAt() < 2 * FRESH.toMillis());
    }

    private Anchors kept(String inboxId) {
        synchronized (byInbox) {
            return byInbox.get(inboxId);
        }
    }
}
