package dev.agentmail.domain.event;

import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.service.MutableClock;
import dev.agentmail.domain.store.EventOutbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading order when appends of several nodes become visible out of sequence. */
class EventStreamsTest {
    private final MutableClock clock = new MutableClock();
    private final VisibleEvents outbox = new VisibleEvents();
    private final EventStreams streams = new EventStreams(outbox, new EventFeed(), new EventFilters(null), clock);

    @Test
    void anEventThatBecomesVisibleBehindALaterOneIsStillPassedOnOnce() throws Exception {
        EventStreams.Cursor cursor = streams.open("org_1", List.of(), List.of(), Optional.empty()).orElseThrow();
        outbox.show(event(2));

        assertThat(ids(cursor.next(Duration.ZERO))).containsExactly("evt_2");

        outbox.show(event(1));
        assertThat(ids(cursor.next(Duration.ZERO))).containsExactly("evt_1");
        assertThat(cursor.next(Duration.ZERO)).isEmpty();
    }

    @Test
    void settledEventsAreNotReadAgain() throws Exception {
        EventStreams.Cursor cursor = streams.open("org_1", List.of(), List.of(), Optional.empty()).orElseThrow();
        outbox.show(event(1));
        outbox.show(event(2));
        cursor.next(Duration.ZERO);

        clock.advance(EventStreams.SETTLING.plusSeconds(1));
        cursor.next(Duration.ZERO);
        outbox.readsFrom.clear();
        outbox.show(event(3));

        assertThat(ids(cursor.next(Duration.ZERO))).containsExactly("evt_3");
        assertThat(outbox.readsFrom).containsOnly(2L);
    }

    @Test
    void manyEventsAtOnceArriveWhole() throws Exception {
        EventStreams.Cursor cursor = streams.open("org_1", List.of(), List.of(), Optional.empty()).orElseThrow();
        for (long sequence = 1; sequence <= 250; sequence++) {
            outbox.show(event(sequence));
        }

        assertThat(cursor.next(Duration.ZERO)).hasSize(250);
        assertThat(cursor.next(Duration.ZERO)).isEmpty();
    }

    private StoredEvent event(long sequence) {
        return new StoredEvent(sequence, "evt_" + sequence, "org_1", EventType.MESSAGE_RECEIVED, Optional.of("inbox"),
            "{}", clock.instant());
    }

    private static List<String> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::id).toList();
    }

    /** The events a node can see so far, in any order they were shown; only reading is needed here. */
    private static final class VisibleEvents implements EventOutbox {
        private final List<StoredEvent> visible = new ArrayList<>();
        final List<Long> readsFrom = new ArrayList<>();

        void show(StoredEvent event) {
            visible.add(event);
        }

        @Override
        public List<StoredEvent> eventsAfter(String organizationId, long sequence, int limit) {
            readsFrom.add(sequence);
            return visible.stream().filter(event -> event.sequence() > sequence)
                .sorted(Comparator.comparingLong(StoredEvent::sequence)).limit(limit).toList();
        }

        @Override
        public long lastSequence() {
            return 0;
        }

        @Override
        public void append(StoredEvent event, List<WebhookDelivery> deliveries) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Long> sequenceOf(String organizationId, String eventId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordAttempt(String deliveryId, WebhookDelivery.State state, int attempts, Optional<Integer> status,
                                  Optional<String> error, Instant at, Optional<Instant> nextAttempt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int expedite(String webhookId, Instant waitingBeyond, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<WebhookDelivery> deliveries(String webhookId, PageRequest pageRequest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<WebhookDelivery> delivery(String webhookId, String deliveryId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean redeliver(String webhookId, String deliveryId, Instant dueAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long pendingDeliveries() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int forgetBefore(Instant before) {
            throw new UnsupportedOperationException();
        }
    }
}
