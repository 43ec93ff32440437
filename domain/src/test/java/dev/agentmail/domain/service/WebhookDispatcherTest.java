package dev.agentmail.domain.service;

import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.model.WebhookDelivery.State;
import dev.agentmail.domain.port.MailMetrics;
import dev.agentmail.domain.port.WebhookTransport;
import dev.agentmail.domain.store.InMemoryEventOutbox;
import dev.agentmail.domain.store.InMemoryWebhookRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One attempt at a time, through {@code attempt}: what is posted, and what the outbox is told afterwards. */
class WebhookDispatcherTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00.123Z");
    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final FakeTransport transport = new FakeTransport();
    private final List<MailMetrics.WebhookAttempt> metricsAttempts = new ArrayList<>();
    private final MailMetrics metrics = new MailMetrics() {
        @Override
        public void messageEvent(EventType type, int recipients) {
        }

        @Override
        public void deliveryLatency(Duration latency) {
        }

        @Override
        public void webhookAttempt(WebhookAttempt outcome, Duration took) {
            metricsAttempts.add(outcome);
        }
    };
    private WebhookDispatcher dispatcher = dispatcher(true);

    private WebhookDispatcher dispatcher(boolean allowPrivateTargets) {
        return new WebhookDispatcher(outbox, new EventFeed(),
            new TargetGuard(new PlatformSettings("agentmail.test", 10, 10, 1024, allowPrivateTargets)), transport,
            RetrySchedule.parse("10s,1m"), clock, metrics);
    }

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static Webhook webhook(String url, boolean enabled) {
        return new Webhook("wh_1", "org_1", url, List.of(EventType.MESSAGE_RECEIVED), List.of(), enabled,
            Optional.empty(), SECRET, NOW, NOW);
    }

    private static DueDelivery due(Webhook webhook, int attempts) {
        StoredEvent event = new StoredEvent(7, "evt_1", "org_1", EventType.MESSAGE_RECEIVED, Optional.of("inbox"),
            "{\"event_id\":\"evt_1\"}", NOW);
        return new DueDelivery("dlv_1", attempts, webhook, event);
    }

    @Test
    void aTwoHundredIsDeliveredSignedAndBringsTheWebhooksRetriesForward() {
        transport.answer = new WebhookTransport.Answered(204);

        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 2));

        FakeTransport.Post post = transport.posts.get(0);
        assertThat(post.url()).isEqualTo(URI.create("https://hooks.example.com/in"));
        assertThat(post.body()).isEqualTo("{\"event_id\":\"evt_1\"}");
        assertThat(post.timeout()).isEqualTo(Duration.ofSeconds(10));
        long timestamp = NOW.getEpochSecond();
        assertThat(post.headers()).containsEntry("webhook-id", "evt_1")
            .containsEntry("webhook-timestamp", Long.toString(timestamp))
            .containsEntry("webhook-signature", WebhookSignature.sign(SECRET, "evt_1", timestamp, post.body()));
        assertThat(outbox.attempts).containsExactly(
            new Attempt("dlv_1", State.DELIVERED, 3, Optional.of(204), Optional.empty(), NOW, Optional.empty()));
        assertThat(outbox.expedited).containsExactly(new Expedite("wh_1", NOW.plusSeconds(60), NOW));
    }

    @Test
    void aFailedAttemptIsRetriedOnTheScheduleUntilItRunsOut() {
        transport.answer = new WebhookTransport.Answered(500);

        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 0));
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 1));
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 2));

        Attempt first = outbox.attempts.get(0);
        assertThat(first.state()).isEqualTo(State.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.statusCode()).contains(500);
        assertThat(first.error()).contains("HTTP 500");
        // The schedule's 10 s, give or take its 20 % jitter.
        assertThat(first.nextAttemptAt().orElseThrow()).isBetween(NOW.plusSeconds(8), NOW.plusSeconds(12));
        assertThat(outbox.attempts.get(1).nextAttemptAt().orElseThrow()).isBetween(NOW.plusSeconds(48), NOW.plusSeconds(72));
        Attempt last = outbox.attempts.get(2);
        assertThat(last.state()).isEqualTo(State.FAILED);
        assertThat(last.attempts()).isEqualTo(3);
        assertThat(last.nextAttemptAt()).isEmpty();
        assertThat(outbox.expedited).isEmpty();
    }

    @Test
    void eachPostIsToldToTheMetricsWithHowItEnded() {
        transport.answer = new WebhookTransport.Answered(204);
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 0));
        transport.answer = new WebhookTransport.Answered(500);
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 0));
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 2));
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", false), 0));

        assertThat(metricsAttempts).containsExactly(MailMetrics.WebhookAttempt.DELIVERED,
            MailMetrics.WebhookAttempt.RETRYING, MailMetrics.WebhookAttempt.FAILED);
    }

    @Test
    void noAnswerAndNoConnectionAreFailuresSaidInWords() {
        transport.answer = new WebhookTransport.TimedOut();
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 0));
        transport.answer = new WebhookTransport.Failed("ConnectException: Connection refused");
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", true), 0));

        assertThat(outbox.attempts).extracting(Attempt::error)
            .containsExactly(Optional.of("no answer within 10 s"), Optional.of("ConnectException: Connection refused"));
        assertThat(outbox.attempts).extracting(Attempt::statusCode).containsOnly(Optional.empty());
        assertThat(outbox.attempts).extracting(Attempt::state).containsOnly(State.PENDING);
    }

    @Test
    void aTargetTheGuardRefusesIsNeverPostedTo() {
        dispatcher.close();
        dispatcher = dispatcher(false);

        dispatcher.attempt(due(webhook("http://127.0.0.1:9/in", true), 0));

        assertThat(transport.posts).isEmpty();
        assertThat(outbox.attempts.get(0).state()).isEqualTo(State.PENDING);
        assertThat(outbox.attempts.get(0).error().orElseThrow()).contains("internal");
    }

    @Test
    void aDisabledWebhookGetsNothingAndTheDeliveryIsCancelledWithoutCountingAnAttempt() {
        dispatcher.attempt(due(webhook("https://hooks.example.com/in", false), 1));

        assertThat(transport.posts).isEmpty();
        assertThat(outbox.attempts).containsExactly(new Attempt("dlv_1", State.CANCELLED, 1, Optional.empty(),
            Optional.of("the webhook was disabled or no longer subscribes to this event"), NOW, Optional.empty()));
    }

    private static final class FakeTransport implements WebhookTransport {
        record Post(URI url, Map<String, String> headers, String body, Duration timeout) {
        }

        final List<Post> posts = new ArrayList<>();
        Result answer = new Answered(200);

        @Override
        public Result post(URI url, Map<String, String> headers, String body, Duration timeout) {
            posts.add(new Post(url, Map.copyOf(headers), body, timeout));
            return answer;
        }
    }

    record Attempt(String deliveryId, State state, int attempts, Optional<Integer> statusCode, Optional<String> error,
                   Instant attemptedAt, Optional<Instant> nextAttemptAt) {
    }

    record Expedite(String webhookId, Instant waitingBeyond, Instant now) {
    }

    /** Only what an attempt reports to; the outbox's own rules are held by its contract. */
    private static final class RecordingOutbox extends InMemoryEventOutbox {
        final List<Attempt> attempts = new ArrayList<>();
        final List<Expedite> expedited = new ArrayList<>();

        RecordingOutbox() {
            super(new InMemoryWebhookRepository());
        }

        @Override
        public void recordAttempt(String deliveryId, State state, int attempts, Optional<Integer> statusCode,
                                  Optional<String> error, Instant attemptedAt, Optional<Instant> nextAttemptAt) {
            this.attempts.add(new Attempt(deliveryId, state, attempts, statusCode, error, attemptedAt, nextAttemptAt));
        }

        @Override
        public int expedite(String webhookId, Instant waitingBeyond, Instant now) {
            expedited.add(new Expedite(webhookId, waitingBeyond, now));
            return 0;
        }
    }
}
