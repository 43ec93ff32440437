package dev.agentmail.domain.event;

import dev.agentmail.domain.model.EventFilter;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.store.EventOutbox;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Live reading of an organization's events from the outbox: from now, or resumed after an event it already had. */
public class EventStreams {
    private static final int BATCH = 100;
    /** How long after it was made an event may still become visible behind a later one. */
    static final Duration SETTLING = Duration.ofSeconds(3);

    private final EventOutbox outbox;
    private final EventFeed feed;
    private final EventFilters filters;
    private final Clock clock;

    @Inject
    public EventStreams(EventOutbox outbox, EventFeed feed, EventFilters filters, Clock clock) {
        this.outbox = outbox;
        this.feed = feed;
        this.filters = filters;
        this.clock = clock;
    }

    /** @return empty when {@code lastEventId} names no event of the organization that the outbox still holds */
    public Optional<Cursor> open(String organizationId, List<String> eventTypes, List<String> inboxIds,
                                 Optional<String> lastEventId) {
        EventFilter filter = new EventFilter(new HashSet<>(filters.eventTypes("event_types", eventTypes)),
            new HashSet<>(filters.inboxIds("inbox_ids", organizationId, inboxIds)));
        Optional<Long> start = lastEventId.isPresent() ? outbox.sequenceOf(organizationId, lastEventId.get())
            : Optional.of(outbox.lastSequence());
        return start.map(position -> new Cursor(organizationId, filter, position));
    }

    /**
     * One reader's position in the outbox. Not shared between threads. With several nodes appending, an event can
     * become visible after one with a higher sequence (numbers are taken before the write lands), so the events of the
     * last {@link #SETTLING} are read again at each look and those not seen yet are passed on, late but not lost.
     */
    public final class Cursor {
        private final String organizationId;
        private final EventFilter filter;
        /** Every event up to this sequence has been seen, and is old enough that none before it can still appear. */
        private long settled;
        /** Events seen beyond {@code settled}, by sequence, with when they were made. */
        private final TreeMap<Long, Instant> unsettled = new TreeMap<>();

        private Cursor(String organizationId, EventFilter filter, long position) {
            this.organizationId = organizationId;
            this.filter = filter;
            this.settled = position;
        }

        /** The next events that pass the filter, waiting up to {@code wait} for some; empty when none came. */
        public List<StoredEvent> next(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                long seen = feed.version();
                List<StoredEvent> wanted = unseen().stream()
                    .filter(event -> filter.matches(event.type(), event.inboxId())).toList();
                settle();
                if (!wanted.isEmpty()) {
                    return wanted;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                // Settling events need another look even when nothing rings.
                feed.awaitAfter(seen, unsettled.isEmpty() ? Duration.ofNanos(left)
                    : Duration.ofNanos(Math.min(left, SETTLING.toNanos())));
            }
        }

        private List<StoredEvent> unseen() {
            List<StoredEvent> unseen = new ArrayList<>();
            long from = settled;
            while (true) {
                List<StoredEvent> events = outbox.eventsAfter(organizationId, from, BATCH);
                for (StoredEvent event : events) {
                    if (unsettled.putIfAbsent(event.sequence(), event.createdAt()) == null) {
                        unseen.add(event);
                    }
                }
                if (events.size() < BATCH) {
                    return unseen;
                }
                from = events.get(events.size() - 1).sequence();
            }
        }

        private void settle() {
            Instant settledBefore = clock.instant().minus(SETTLING);
            while (!unsettled.isEmpty() && unsettled.firstEntry().getValue().isBefore(settledBefore)) {
                settled = unsettled.pollFirstEntry().getKey();
            }
        }
    }
}
