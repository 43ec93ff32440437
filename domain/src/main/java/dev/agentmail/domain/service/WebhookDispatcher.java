package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery.State;
import dev.agentmail.domain.port.MailMetrics;
import dev.agentmail.domain.port.WebhookTransport;
import dev.agentmail.domain.store.EventOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works through the outbox's due deliveries in the background, so that a slow or failing receiver never slows
 * mail. An attempt counts only on a 2xx within the timeout; failures are retried on the {@link RetrySchedule},
 * then the delivery fails. A success brings the webhook's waiting retries forward, since its receiver is back. A webhook that was disabled, or no longer wants the event, gets nothing more. Each
 * delivery is claimed for longer than an attempt can take, so a crash mid-attempt means one more attempt later.
 */
public class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration IDLE_CHECK = Duration.ofMillis(500);
    private static final int WORKERS = 8;
    /** One slow receiver may hold this many workers; its other deliveries wait, so other receivers are not held up. */
    private static final int WORKERS_PER_WEBHOOK = 2;
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final EventOutbox outbox;
    private final EventFeed feed;
    private final TargetGuard guard;
    private final RetrySchedule retries;
    private final Clock clock;
    private final WebhookTransport transport;
    private final MailMetrics metrics;
    private final Semaphore idleWorkers = new Semaphore(WORKERS);
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final Thread loop;
    private volatile boolean running = true;

    public WebhookDispatcher(EventOutbox outbox, EventFeed feed, TargetGuard guard, WebhookTransport transport,
                             RetrySchedule retries, Clock clock, MailMetrics metrics) {
        this.outbox = outbox;
        this.feed = feed;
        this.guard = guard;
        this.transport = transport;
        this.retries = retries;
        this.clock = clock;
        this.metrics = metrics;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::run, "webhook-dispatcher");
        loop.setDaemon(true);
    }

    public void start() {
        loop.start();
    }

    private void run() {
        while (running) {
            try {
                long seen = feed.version();
                int free = idleWorkers.availablePermits();
                List<DueDelivery> due = free == 0 ? List.of()
                    : outbox.claimDue(clock.instant(), clock.instant().plus(LEASE), free);
                for (DueDelivery delivery : due) {
                    String webhookId = delivery.webhook().id();
                    if (inFlight.merge(webhookId, 1, Integer::sum) > WORKERS_PER_WEBHOOK) {
                        release(webhookId);
                        outbox.redeliver(webhookId, delivery.deliveryId(), clock.instant().plus(BUSY_RETRY));
                        continue;
                    }
                    idleWorkers.acquire();
                    workers.execute(() -> {
                        try {
                            attempt(delivery);
                        } catch (RuntimeException e) {
                            LOGGER.warn("Could not record the attempt of delivery {}; it comes due again after its lease",
                                delivery.deliveryId(), e);
                        } finally {
                            release(webhookId);
                            idleWorkers.release();
                        }
                    });
                }
                if (due.size() < free || free == 0) {
                    feed.awaitAfter(seen, IDLE_CHECK);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOGGER.warn("Could not read due webhook deliveries; will retry", e);
                sleepQuietly();
            }
        }
    }

    private void release(String webhookId) {
        inFlight.computeIfPresent(webhookId, (id, count) -> count > 1 ? count - 1 : null);
    }

    void attempt(DueDelivery delivery) {
        Webhook webhook = delivery.webhook();
        StoredEvent event = delivery.event();
        Instant now = clock.instant();
        if (!webhook.wants(event.type(), event.inboxId())) {
            outbox.recordAttempt(delivery.deliveryId(), State.CANCELLED, delivery.attempts(), Optional.empty(),
                Optional.of("the webhook was disabled or no longer subscribes to this event"), now, Optional.empty());
            return;
        }
        int attempts = delivery.attempts() + 1;
        long started = System.nanoTime();
        Outcome outcome = post(webhook, event);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (outcome.succeeded()) {
            metrics.webhookAttempt(MailMetrics.WebhookAttempt.DELIVERED, took);
            outbox.recordAttempt(delivery.deliveryId(), State.DELIVERED, attempts, outcome.statusCode(),
                Optional.empty(), now, Optional.empty());
            // The receiver is back: what waits for a later retry need not wait any longer. Retries due within a
            // lease are left as they are: among them are the deliveries other workers are attempting right now.
            Instant after = clock.instant();
            if (outbox.expedite(webhook.id(), after.plus(LEASE), after) > 0) {
                feed.appended();
            }
            return;
        }
        Optional<Instant> next = retries.delayAfter(attempts).map(delay -> clock.instant().plus(delay));
        metrics.webhookAttempt(next.isPresent() ? MailMetrics.WebhookAttempt.RETRYING : MailMetrics.WebhookAttempt.FAILED,
            took);
        outbox.recordAttempt(delivery.deliveryId(), next.isPresent() ? State.PENDING : State.FAILED, attempts,
            outcome.statusCode(), outcome.error(), now, next);
        LOGGER.info("Webhook {} did not take event {} (attempt {}: {}){}", webhook.id(), event.id(), attempts,
            outcome.error().orElse(""), next.map(at -> "; next attempt at " + at).orElse("; giving up"));
    }

    private Outcome post(Webhook webhook, StoredEvent event) {
        URI url = URI.create(webhook.url());
        try {
            guard.check("url", url);
        } catch (InvalidInputException e) {
            return Outcome.failed(Optional.empty(), e.getMessage());
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", event.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(webhook.secret(), event.id(), timestamp, event.payload()));
        WebhookTransport.Result result;
        try {
            result = transport.post(url, headers, event.payload(), TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(Optional.empty(), "interrupted by shutdown");
        }
        if (result instanceof WebhookTransport.Answered answered) {
            int status = answered.status();
            return status / 100 == 2 ? new Outcome(true, Optional.of(status), Optional.empty())
                : Outcome.failed(Optional.of(status), "HTTP " + status);
        }
        if (result instanceof WebhookTransport.TimedOut) {
            return Outcome.failed(Optional.empty(), "no answer within " + TIMEOUT.toSeconds() + " s");
        }
        return Outcome.failed(Optional.empty(), ((WebhookTransport.Failed) result).reason());
    }

    private record Outcome(boolean succeeded, Optional<Integer> statusCode, Optional<String> error) {
        static Outcome failed(Optional<Integer> statusCode, String error) {
            return new Outcome(false, statusCode, Optional.of(error));
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(IDLE_CHECK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
