package dev.agentmail.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jersey.server.AnnotationFinder;
import io.micrometer.core.instrument.binder.jersey.server.DefaultJerseyTagsProvider;
import io.micrometer.core.instrument.binder.jersey.server.MetricsApplicationEventListener;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;

import java.time.Duration;
import java.util.Arrays;

/**
 * The API's requests timed as {@code agentmail_api_requests_seconds{method, uri, status, outcome, exception}}, where
 * {@code uri} is the route template Jersey matched ({@code /api/v0/inboxes/{inboxId}/messages}), never the raw path:
 * no ids in labels. Micrometer's Jersey 2 listener (Jersey's own comes with 2.41; ours is 2.39).
 */
@SuppressWarnings("deprecation")
public final class ApiRequestMetrics {
    private static final String NAME = "agentmail.api.requests";
    private static final String DESCRIPTION = "API requests by route template, method and status, with their latency";
    private static final double[] BUCKETS_NANOS = Arrays.stream(new long[] {5, 10, 25, 50, 100, 250, 500, 1000, 2500,
        5000, 10_000, 30_000}).mapToDouble(millis -> Duration.ofMillis(millis).toNanos()).toArray();

    /** Gives the listener's timer its description (Prometheus's HELP) and fixed buckets, summable over nodes. */
    static final MeterFilter FILTER = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            return id.getName().equals(NAME) && id.getDescription() == null
                ? new Meter.Id(NAME, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), DESCRIPTION, id.getType())
                : id;
        }

        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            return id.getName().equals(NAME)
                ? DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS_NANOS).build().merge(config)
                : config;
        }
    };

    private ApiRequestMetrics() {
    }

    /** To register with the API's Jersey application. */
    public static ApplicationEventListener listener(MeterRegistry registry) {
        return new MetricsApplicationEventListener(registry, new DefaultJerseyTagsProvider(), NAME, true,
            AnnotationFinder.DEFAULT);
    }
}
