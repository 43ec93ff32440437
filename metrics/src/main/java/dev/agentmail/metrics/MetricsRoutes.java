package dev.agentmail.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.james.webadmin.Routes;
import spark.Service;

import javax.inject.Inject;

/**
 * {@code GET /metrics} on the admin port, in Prometheus's text format; the admin token guards it as every other
 * WebAdmin route.
 */
public class MetricsRoutes implements Routes {
    public static final String PATH = "/metrics";
    /** Prometheus's text exposition format, version 0.0.4. */
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    @Inject
    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String getBasePath() {
        return PATH;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, (request, response) -> {
            response.type(TEXT_FORMAT);
            return registry.scrape();
        });
    }
}
