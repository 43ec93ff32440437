package dev.agentmail.app;

import dev.agentmail.domain.service.DomainService;
import dev.agentmail.domain.service.IdempotentRequests;
import dev.agentmail.domain.service.InboxService;
import dev.agentmail.domain.service.SendLimits;
import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.domain.store.EventOutbox;
import org.apache.james.lifecycle.api.Startable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background chores: deleting disposable inboxes when they expire, checking the DNS records of pending domains,
 * and keeping the delivery ledger, the event outbox, the idempotency keys and the sending counters small.
 */
final class Housekeeping implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(Housekeeping.class);
    /** The spool redelivers within minutes of a restart: a week of delivery attempts is plenty. */
    static final Duration LEDGER_RETENTION = Duration.ofDays(7);
    /** Events stay replayable on the event stream, and their deliveries visible, for a month. */
    static final Duration EVENT_RETENTION = Duration.ofDays(30);
    private static final int EXPIRED_PER_ROUND = 100;
    /** Each check is four DNS queries: a round stays short even when many domains wait for their records. */
    private static final int DOMAINS_PER_ROUND = 50;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    private final InboxService inboxes;
    private final DomainService domains;
    private final DeliveryLedger ledger;
    private final EventOutbox outbox;
    private final IdempotentRequests idempotency;
    private final SendLimits sendLimits;
    private final Clock clock;
    private final HousekeepingSettings settings;

    @Inject
    Housekeeping(InboxService inboxes, DomainService domains, DeliveryLedger ledger, EventOutbox outbox,
                 IdempotentRequests idempotency, SendLimits sendLimits, Clock clock, HousekeepingSettings settings) {
        this.inboxes = inboxes;
        this.domains = domains;
        this.ledger = ledger;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.sendLimits = sendLimits;
        this.clock = clock;
        this.settings = settings;
    }

    void start() {
        Duration expiryCheck = settings.expiryCheck();
        Duration domainCheck = settings.domainCheck();
        scheduler.scheduleWithFixedDelay(guarded("delete expired inboxes", () -> {
            int deleted = inboxes.deleteExpired(EXPIRED_PER_ROUND);
            if (deleted > 0) {
                LOGGER.info("Deleted {} expired disposable inboxes", deleted);
            }
        }), expiryCheck.toMillis(), expiryCheck.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("check pending domains", () -> {
            int verified = domains.verifyPending(DOMAINS_PER_ROUND);
            if (verified > 0) {
                LOGGER.info("{} pending domains are now verified", verified);
            }
        }), domainCheck.toMillis(), domainCheck.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("clean the delivery ledger",
            () -> ledger.forgetBefore(clock.instant().minus(LEDGER_RETENTION))), 1, 60, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(guarded("forget old events",
            () -> outbox.forgetBefore(clock.instant().minus(EVENT_RETENTION))), 2, 60, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(guarded("forget expired idempotency keys", idempotency::forgetExpired), 3, 60,
            TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(guarded("forget old sending counters", sendLimits::forgetOldCounters), 4, 60,
            TimeUnit.MINUTES);
    }

    private static Runnable guarded(String chore, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOGGER.warn("Could not {}; will retry", chore, e);
            }
        };
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
