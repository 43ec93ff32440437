package dev.agentmail.metrics;

import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.port.MailMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The domain's metrics as Micrometer meters: {@code agentmail_mail_total{event}},
 * {@code agentmail_mail_delivery_latency_seconds} and {@code agentmail_webhook_attempts_seconds{outcome}}, histograms
 * with fixed buckets fit for mail (seconds to hours) and for webhook receivers (milliseconds to their timeout).
 */
public class MicrometerMailMetrics implements MailMetrics {
    private static final Duration[] DELIVERY_BUCKETS = seconds(1, 5, 15, 30, 60, 300, 900, 1800, 3600, 14400);
    private static final Duration[] WEBHOOK_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);
    private final Timer deliveryLatency;
    private final Map<WebhookAttempt, Timer> webhookAttempts = new EnumMap<>(WebhookAttempt.class);

    public MicrometerMailMetrics(MeterRegistry registry) {
        for (EventType type : EventType.values()) {
            if (type != EventType.DOMAIN_VERIFIED) {
                events.put(type, Counter.builder("agentmail.mail")
                    .description("Messages received and sent, and delivery outcomes (one per recipient)")
                    .tag("event", type.wireName().substring("message.".length()))
                    .register(registry));
            }
        }
        deliveryLatency = Timer.builder("agentmail.mail.delivery.latency")
            .description("From a sent message's acceptance to its delivery at a recipient's server")
            .serviceLevelObjectives(DELIVERY_BUCKETS)
            .register(registry);
        for (WebhookAttempt outcome : WebhookAttempt.values()) {
            webhookAttempts.put(outcome, Timer.builder("agentmail.webhook.attempts")
                .description("Posts to webhooks by outcome (delivered, retrying, failed: given up), with the receiver's time")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .serviceLevelObjectives(WEBHOOK_BUCKETS)
                .register(registry));
        }
    }

    @Override
    public void messageEvent(EventType type, int recipients) {
        Counter counter = events.get(type);
        if (counter != null) {
            counter.increment(recipients);
        }
    }

    @Override
    public void deliveryLatency(Duration latency) {
        deliveryLatency.record(latency);
    }

    @Override
    public void webhookAttempt(WebhookAttempt outcome, Duration took) {
        webhookAttempts.get(outcome).record(took);
    }

    private static Duration[] seconds(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofSeconds(values[i]);
        }
        return durations;
    }
}
