package dev.agentmail.app;

import dev.agentmail.domain.service.DraftService;
import org.apache.james.lifecycle.api.Startable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends scheduled drafts when their time comes: every second, so a draft goes out within a few seconds of its send
 * time, also after a restart (the schedule is stored). Several nodes may poll: each draft is claimed before sending.
 */
final class ScheduledSends implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ScheduledSends.class);
    private static final long PERIOD_MILLIS = 1_000;
    private static final int PER_ROUND = 50;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduled-sends");
        thread.setDaemon(true);
        return thread;
    });
    private final DraftService drafts;

    @Inject
    ScheduledSends(DraftService drafts) {
        this.drafts = drafts;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int sent = drafts.sendDue(PER_ROUND);
                if (sent > 0) {
                    LOGGER.info("Sent {} scheduled drafts", sent);
                }
            } catch (RuntimeException e) {
                LOGGER.warn("Could not send the scheduled drafts this round: {}", e.toString());
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
