package dev.agentmail.domain.service;

import dev.agentmail.domain.model.EventFilter;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.store.EventOutbox;

import javax.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Live reading of an organization's events from the outbox: from now, or resumed after an event it already had. */
public class EventStreams {
    private static final int BATCH = 100;

    private final EventOutbox outbox;
    private final EventFeed feed;
    private final EventFilters filters;

    @Inject
    public EventStreams(EventOutbox outbox, EventFeed feed, EventFilters filters) {
        this.outbox = outbox;
        this.feed = feed;
        this.filters = filters;
    }

    public Cursor open(String organizationId, List<String> eventTypes, List<String> inboxIds,
                       Optional<String> lastEventId) {
        EventFilter filter = new EventFilter(new HashSet<>(filters.eventTypes("event_types", eventTypes)),
            new HashSet<>(filters.inboxIds("inbox_ids", organizationId, inboxIds)));
        long start = lastEventId.map(id -> outbox.sequenceOf(organizationId, id).orElseThrow(() ->
                new InvalidInputException("Last-Event-ID", "no event '" + TextInput.printable(id)
                    + "' to resume after; it is unknown or too old")))
            .orElseGet(outbox::lastSequence);
        return new Cursor(organizationId, filter, start);
    }

    /** One reader's position in the outbox. Not shared between threads. */
    public final class Cursor {
        private final String organizationId;
        private final EventFilter filter;
        private long position;

        private Cursor(String organizationId, EventFilter filter, long position) {
            this.organizationId = organizationId;
            this.filter = filter;
            this.position = position;
        }

        /** The next events that pass the filter, waiting up to {@code wait} for some; empty when none came. */
        public List<StoredEvent> next(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                long seen = feed.version();
                List<StoredEvent> events = outbox.eventsAfter(organizationId, position, BATCH);
                if (!events.isEmpty()) {
                    position = events.get(events.size() - 1).sequence();
                    List<StoredEvent> wanted = events.stream()
                        .filter(event -> filter.matches(event.type(), event.inboxId())).toList();
                    if (!wanted.isEmpty()) {
                        return wanted;
                    }
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                feed.awaitAfter(seen, Duration.ofNanos(left));
            }
        }
    }
}
