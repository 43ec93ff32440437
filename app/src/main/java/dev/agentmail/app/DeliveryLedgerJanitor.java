package dev.agentmail.app;

import dev.agentmail.domain.store.DeliveryLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Keeps the delivery ledger small: the spool redelivers within minutes of a restart, so a week is plenty. */
final class DeliveryLedgerJanitor implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryLedgerJanitor.class);
    static final Duration RETENTION = Duration.ofDays(7);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delivery-ledger-janitor");
        thread.setDaemon(true);
        return thread;
    });

    DeliveryLedgerJanitor(DeliveryLedger ledger, Clock clock) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int forgotten = ledger.forgetBefore(clock.instant().minus(RETENTION));
                LOGGER.debug("Forgot {} delivery attempts older than {}", forgotten, RETENTION);
            } catch (RuntimeException e) {
                LOGGER.warn("Could not clean the delivery ledger; will retry", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
