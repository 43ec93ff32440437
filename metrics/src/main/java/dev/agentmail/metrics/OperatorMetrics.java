package dev.agentmail.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Set;

/** The one registry of a server: each server its own (never Micrometer's global one), scraped at GET /metrics. */
public final class OperatorMetrics {
    /**
     * Micrometer meters whose Prometheus names promtool's lint refuses ({@code process_cpu_time_ns_total}: a unit
     * abbreviated; {@code system_cpu_count}: a gauge ending in {@code _count}); {@code process_cpu_usage} stays.
     */
    private static final Set<String> REFUSED_BY_LINT = Set.of("process.cpu.time", "system.cpu.count");

    private OperatorMetrics() {
    }

    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config()
            .meterFilter(MeterFilter.deny(id -> REFUSED_BY_LINT.contains(id.getName())))
            .meterFilter(ApiRequestMetrics.FILTER);
        return registry;
    }
}
