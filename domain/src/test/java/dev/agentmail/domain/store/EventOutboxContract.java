package dev.agentmail.domain.store;

import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.model.WebhookDelivery.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** What every EventOutbox backend must do; the outbox shares its store with the webhook repository. */
public interface EventOutboxContract {
    Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

    EventOutbox eventOutbox();

    WebhookRepository webhookRepository();

    static StoredEvent event(String id, String organizationId, Instant at) {
        return new StoredEvent(0, id, organizationId, EventType.MESSAGE_RECEIVED, Optional.of("inbox-a"),
            "{\"event_id\":\"" + id + "\",\"text\":\"" + "é".repeat(3000) + "\"}", at);
    }

    static WebhookDelivery pending(String id, String webhookId, Instant due) {
        return new WebhookDelivery(id, webhookId, "ignored", EventType.MESSAGE_RECEIVED, State.PENDING, 0,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(due), due);
    }

    @Test
    default void numbersEventsInOrderAndReplaysThemPerOrganization() {
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of());
        outbox.append(event("evt_2", "org_b", T0), List.of());
        outbox.append(event("evt_3", "org_a", T0.plusMillis(1)), List.of());

        List<StoredEvent> all = outbox.eventsAfter("org_a", 0, 10);
        assertThat(all).extracting(StoredEvent::id).containsExactly("evt_1", "evt_3");
        assertThat(all.get(0).payload()).isEqualTo(event("evt_1", "org_a", T0).payload());
        assertThat(all.get(0).inboxId()).contains("inbox-a");
        assertThat(all.get(0).createdAt()).isEqualTo(T0);
        long first = outbox.sequenceOf("org_a", "evt_1").orElseThrow();
        assertThat(outbox.eventsAfter("org_a", first, 10)).extracting(StoredEvent::id).containsExactly("evt_3");
        assertThat(outbox.sequenceOf("org_b", "evt_1")).isEmpty();
        assertThat(outbox.eventsAfter("org_a", 0, 1)).hasSize(1);
    }

    /** What a stream opened "from now" starts after: nothing appended before, everything appended after. */
    @Test
    default void theLastSequenceIsWhereTheEventsAppendedFromNowOnBegin() {
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of());
        long now = outbox.lastSequence();

        assertThat(outbox.eventsAfter("org_a", now, 10)).isEmpty();
        outbox.append(event("evt_2", "org_a", T0.plusMillis(1)), List.of());
        assertThat(outbox.eventsAfter("org_a", now, 10)).extracting(StoredEvent::id).containsExactly("evt_2");
        assertThat(outbox.lastSequence()).isGreaterThanOrEqualTo(outbox.sequenceOf("org_a", "evt_2").orElseThrow());
    }

    /**
     * What streams rely on: a reader that moves on to the highest sequence it has seen never misses an event, however
     * many threads append at once, because none becomes visible behind one already seen.
     */
    @Test
    default void concurrentAppendsBecomeVisibleInSequenceOrder() throws Exception {
        EventOutbox outbox = eventOutbox();
        int threads = 8;
        int perThread = 25;
        ExecutorService appenders = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> appending = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            appending.add(appenders.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    outbox.append(new StoredEvent(0, "evt_" + thread + "_" + i, "org_order", EventType.MESSAGE_RECEIVED,
                        Optional.empty(), "{}", T0), List.of());
                }
                return null;
            }));
        }
        Set<String> seenByReader = new HashSet<>();
        long position = 0;
        start.countDown();
        try {
            boolean appended;
            List<StoredEvent> batch;
            do {
                appended = appending.stream().allMatch(Future::isDone);
                batch = outbox.eventsAfter("org_order", position, 1000);
                for (StoredEvent event : batch) {
                    assertThat(event.sequence()).isGreaterThan(position);
                    position = event.sequence();
                    seenByReader.add(event.id());
                }
            } while (!appended || !batch.isEmpty());
            for (Future<?> future : appending) {
                future.get();
            }
        } finally {
            appenders.shutdownNow();
        }

        List<StoredEvent> all = outbox.eventsAfter("org_order", 0, 1000);
        assertThat(all).hasSize(threads * perThread);
        assertThat(all).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(seenByReader).as("events that became visible behind the reader")
            .containsExactlyInAnyOrderElementsOf(all.stream().map(StoredEvent::id).toList());
    }

    @Test
    default void claimsDueDeliveriesOnceUntilTheLeaseRunsOut() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0)));
        outbox.append(event("evt_2", "org_a", T0), List.of(pending("dlv_2", "wh_1", T0.plusSeconds(60))));

        List<DueDelivery> claimed = outbox.claimDue(T0, T0.plusSeconds(30), 10);
        assertThat(claimed).extracting(DueDelivery::deliveryId).containsExactly("dlv_1");
        assertThat(claimed.get(0).webhook().id()).isEqualTo("wh_1");
        assertThat(claimed.get(0).event().id()).isEqualTo("evt_1");
        assertThat(outbox.claimDue(T0.plusSeconds(1), T0.plusSeconds(31), 10)).isEmpty();
        assertThat(outbox.claimDue(T0.plusSeconds(30), T0.plusSeconds(60), 10)).extracting(DueDelivery::deliveryId)
            .containsExactly("dlv_1");
    }

    @Test
    default void countsThePendingDeliveriesUntilTheyEnd() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        long before = outbox.pendingDeliveries();
        outbox.append(event("evt_1", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0), pending("dlv_2", "wh_1", T0)));
        assertThat(outbox.pendingDeliveries()).isEqualTo(before + 2);

        outbox.claimDue(T0, T0.plusSeconds(30), 10);
        outbox.recordAttempt("dlv_1", State.PENDING, 1, Optional.of(503), Optional.of("HTTP 503"), T0,
            Optional.of(T0.plusSeconds(5)));
        assertThat(outbox.pendingDeliveries()).isEqualTo(before + 2);

        outbox.recordAttempt("dlv_1", State.DELIVERED, 2, Optional.of(200), Optional.empty(), T0, Optional.empty());
        outbox.recordAttempt("dlv_2", State.FAILED, 1, Optional.of(500), Optional.of("HTTP 500"), T0, Optional.empty());
        assertThat(outbox.pendingDeliveries()).isEqualTo(before);
    }

    @Test
    default void recordsAttemptsAndRedeliveries() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0)));

        outbox.recordAttempt("dlv_1", State.PENDING, 1, Optional.of(503), Optional.of("HTTP 503"), T0,
            Optional.of(T0.plusSeconds(5)));
        WebhookDelivery retrying = outbox.delivery("wh_1", "dlv_1").orElseThrow();
        assertThat(retrying.state()).isEqualTo(State.PENDING);
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.lastStatusCode()).contains(503);
        assertThat(retrying.lastError()).contains("HTTP 503");
        assertThat(retrying.lastAttemptAt()).contains(T0);
        assertThat(retrying.nextAttemptAt()).contains(T0.plusSeconds(5));
        assertThat(retrying.eventId()).isEqualTo("evt_1");
        assertThat(retrying.eventType()).isEqualTo(EventType.MESSAGE_RECEIVED);
        assertThat(outbox.claimDue(T0.plusSeconds(4), T0.plusSeconds(60), 10)).isEmpty();

        outbox.recordAttempt("dlv_1", State.FAILED, 2, Optional.empty(), Optional.of("connection refused"),
            T0.plusSeconds(5), Optional.of(T0.plusSeconds(99)));
        WebhookDelivery failed = outbox.delivery("wh_1", "dlv_1").orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.lastStatusCode()).isEmpty();
        assertThat(failed.nextAttemptAt()).isEmpty();
        assertThat(outbox.claimDue(T0.plusSeconds(999), T0.plusSeconds(1000), 10)).isEmpty();

        assertThat(outbox.redeliver("wh_2", "dlv_1", T0)).isFalse();
        assertThat(outbox.redeliver("wh_1", "dlv_1", T0.plusSeconds(6))).isTrue();
        assertThat(outbox.delivery("wh_1", "dlv_1").orElseThrow().state()).isEqualTo(State.PENDING);
        assertThat(outbox.claimDue(T0.plusSeconds(6), T0.plusSeconds(60), 10)).extracting(DueDelivery::attempts)
            .containsExactly(2);
    }

    @Test
    default void expeditesOnlyTheRetriesOfOneWebhook() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_2", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0), pending("dlv_2", "wh_2", T0)));
        outbox.append(event("evt_2", "org_a", T0), List.of(pending("dlv_3", "wh_1", T0.plusSeconds(600))));
        for (String id : List.of("dlv_1", "dlv_2")) {
            outbox.recordAttempt(id, State.PENDING, 1, Optional.of(503), Optional.empty(), T0,
                Optional.of(T0.plusSeconds(300)));
        }

        assertThat(outbox.expedite("wh_1", T0.plusSeconds(61), T0.plusSeconds(1))).isEqualTo(1);

        assertThat(outbox.claimDue(T0.plusSeconds(1), T0.plusSeconds(60), 10)).extracting(DueDelivery::deliveryId)
            .containsExactly("dlv_1");
    }

    @Test
    default void aRetryDueWhenTheLastWasDueStaysQueued() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0)));

        outbox.recordAttempt("dlv_1", State.PENDING, 1, Optional.of(503), Optional.empty(), T0, Optional.of(T0));
        assertThat(outbox.redeliver("wh_1", "dlv_1", T0)).isTrue();

        assertThat(outbox.claimDue(T0, T0.plusSeconds(60), 10)).extracting(DueDelivery::deliveryId)
            .containsExactly("dlv_1");
    }

    @Test
    default void aDeliveryInFlightIsNotExpedited() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0)));
        outbox.recordAttempt("dlv_1", State.PENDING, 1, Optional.of(503), Optional.empty(), T0,
            Optional.of(T0.plusSeconds(5)));
        Instant now = T0.plusSeconds(5);
        assertThat(outbox.claimDue(now, now.plusSeconds(60), 10)).hasSize(1);

        assertThat(outbox.expedite("wh_1", now.plusSeconds(60), now)).isZero();

        assertThat(outbox.claimDue(now.plusSeconds(1), now.plusSeconds(61), 10)).isEmpty();
    }

    @Test
    default void listsDeliveriesOfOneWebhookNewestFirst() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0), pending("dlv_x", "wh_2", T0)));
        outbox.append(event("evt_2", "org_a", T0), List.of(pending("dlv_2", "wh_1", T0.plusMillis(1))));

        var page = outbox.deliveries("wh_1", new PageRequest(1, 1));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.data()).extracting(WebhookDelivery::id).containsExactly("dlv_2");
        assertThat(outbox.delivery("wh_2", "dlv_1")).isEmpty();
    }

    @Test
    default void deletingAWebhookDropsItsPendingDeliveries() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_1", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0)));

        webhookRepository().delete("org_a", "wh_1");

        assertThat(outbox.claimDue(T0, T0.plusSeconds(30), 10)).isEmpty();
        assertThat(outbox.delivery("wh_1", "dlv_1")).isEmpty();
    }

    @Test
    default void forgetsOldEventsButKeepsPendingDeliveries() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        EventOutbox outbox = eventOutbox();
        outbox.append(event("evt_done", "org_a", T0), List.of(pending("dlv_1", "wh_1", T0)));
        outbox.append(event("evt_pending", "org_a", T0), List.of(pending("dlv_2", "wh_1", T0)));
        outbox.append(event("evt_new", "org_a", T0.plusSeconds(100)), List.of());
        outbox.recordAttempt("dlv_1", State.DELIVERED, 1, Optional.of(200), Optional.empty(), T0, Optional.empty());

        outbox.forgetBefore(T0.plusSeconds(50));

        assertThat(outbox.eventsAfter("org_a", 0, 10)).extracting(StoredEvent::id)
            .containsExactly("evt_pending", "evt_new");
        assertThat(outbox.delivery("wh_1", "dlv_2")).isPresent();
    }
}
