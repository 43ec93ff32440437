package dev.agentmail.metrics;

import dev.agentmail.domain.store.EventOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

/**
 * What waits: mail in James's spool ({@code agentmail_spool_depth}) and webhook deliveries not yet done
 * ({@code agentmail_webhook_deliveries_pending}), both read from their stores at each scrape.
 */
public final class QueueMeters implements MeterBinder {
    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final EventOutbox outbox;

    public QueueMeters(MailQueueFactory<? extends ManageableMailQueue> queues, EventOutbox outbox) {
        this.queues = queues;
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("agentmail.spool.depth", queues, QueueMeters::spoolSize)
            .description("Mails in James's spool, waiting for the mailet pipeline (local delivery or relay)")
            .register(registry);
        Gauge.builder("agentmail.webhook.deliveries.pending", outbox, EventOutbox::pendingDeliveries)
            .description("Webhook deliveries not yet delivered nor given up, retries included")
            .register(registry);
    }

    private static double spoolSize(MailQueueFactory<? extends ManageableMailQueue> queues) {
        return queues.getQueue(MailQueueFactory.SPOOL).map(queue -> {
            try {
                return (double) queue.getSize();
            } catch (Exception e) {
                return Double.NaN;
            }
        }).orElse(Double.NaN);
    }
}
