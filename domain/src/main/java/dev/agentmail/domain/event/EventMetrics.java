package dev.agentmail.domain.event;

import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.port.MailMetrics;

import javax.inject.Inject;
import java.time.Duration;

/**
 * Counts message events for the operator, subscribed to {@link MessageEvents} beside the {@link EventRecorder}: a
 * delivery outcome counts once per recipient it names, and a delivery's latency runs from the moment the sent
 * message was stored (accepted for delivery).
 */
public class EventMetrics {
    private final MailMetrics metrics;

    @Inject
    public EventMetrics(MailMetrics metrics) {
        this.metrics = metrics;
    }

    public void record(MessageEvent event) {
        metrics.messageEvent(event.type(), Math.max(1, event.recipients().size()));
        if (event.type() == EventType.MESSAGE_DELIVERED) {
            Duration latency = Duration.between(event.message().createdAt(), event.at());
            if (!latency.isNegative()) {
                metrics.deliveryLatency(latency);
            }
        }
    }
}
