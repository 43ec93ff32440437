package dev.agentmail.metrics;

import dev.agentmail.domain.store.EventOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

import java.util.List;

/**
 * What waits: mail in James's queues ({@code agentmail_spool_depth{queue}}: the spool, before the mailet pipeline,
 * and RemoteDelivery's outgoing queue, retries included) and webhook deliveries not yet done
 * ({@code agentmail_webhook_deliveries_pending}), read from their stores at each scrape.
 */
public final class QueueMeters implements MeterBinder {
    /** RemoteDelivery's queue, as james-conf/mailetcontainer.xml names it. */
    private static final MailQueueName OUTGOING = MailQueueName.of("outgoing");

    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final EventOutbox outbox;

    public QueueMeters(MailQueueFactory<? extends ManageableMailQueue> queues, EventOutbox outbox) {
        this.queues = queues;
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MailQueueName queue : List.of(MailQueueFactory.SPOOL, OUTGOING)) {
            Gauge.builder("agentmail.spool.depth", queues, factory -> size(factory, queue))
                .description("Mails waiting in James's queues: the spool (the mailet pipeline) and outgoing (remote delivery)")
                .tag("queue", queue.asString())
                .register(registry);
        }
        Gauge.builder("agentmail.webhook.deliveries.pending", outbox, EventOutbox::pendingDeliveries)
            .description("Webhook deliveries not yet delivered nor given up, retries included")
            .register(registry);
    }

    private static double size(MailQueueFactory<? extends ManageableMailQueue> queues, MailQueueName name) {
        return queues.getQueue(name).map(queue -> {
            try {
                return (double) queue.getSize();
            } catch (Exception e) {
                return Double.NaN;
            }
        }).orElse(Double.NaN);
    }
}
