package dev.agentmail.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jersey.server.AnnotationFinder;
import io.micrometer.core.instrument.binder.jersey.server.DefaultJerseyTagsProvider;
import io.micrometer.core.instrument.binder.jersey.server.MetricsApplicationEventListener;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;

/**
 * The API's requests timed as {@code agentmail_api_requests_seconds{method, uri, status, outcome, exception}}, where
 * {@code uri} is the route template Jersey matched ({@code /v0/inboxes/{inbox_id}/messages}), never the raw path:
 * no ids in labels. Micrometer's Jersey 2 listener (Jersey's own comes with 2.41; ours is 2.39).
 */
@SuppressWarnings("deprecation")
public final class ApiRequestMetrics {
    public static final String NAME = "agentmail.api.requests";

    private ApiRequestMetrics() {
    }

    /** To register with the API's Jersey application. */
    public static ApplicationEventListener listener(MeterRegistry registry) {
        return new MetricsApplicationEventListener(registry, new DefaultJerseyTagsProvider(), NAME, true,
            AnnotationFinder.DEFAULT);
    }
}
