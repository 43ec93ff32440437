package dev.agentmail.domain.port;

import dev.agentmail.domain.model.EventType;

import java.time.Duration;

/** What the domain tells the operator's metrics, as it happens. */
public interface MailMetrics {
    /**
     * A message event: one message received or sent, or a delivery outcome for {@code recipients} recipients.
     */
    void messageEvent(EventType type, int recipients);

    /** From a sent message's acceptance to its delivery at one recipient's server. */
    void deliveryLatency(Duration latency);

    /** One post to a webhook: how it ended and how long the receiver took to answer (or not). */
    void webhookAttempt(WebhookAttempt outcome, Duration took);

    enum WebhookAttempt {
        DELIVERED, RETRYING, FAILED
    }

    /** For parts that run without metrics (unit tests, tools). */
    MailMetrics NONE = new MailMetrics() {
        @Override
        public void messageEvent(EventType type, int recipients) {
        }

        @Override
        public void deliveryLatency(Duration latency) {
        }

        @Override
        public void webhookAttempt(WebhookAttempt outcome, Duration took) {
        }
    };
}
