package dev.agentmail.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricRegistryListener;
import com.codahale.metrics.Timer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * James's own metrics (a Dropwizard registry: IMAP and SMTP connections and commands, mailet and queue timings) as
 * Micrometer meters named {@code james_<name in snake case>}, also those James makes later, on first use. A
 * ready-made Dropwizard exporter would keep James's camelCase names, which Prometheus's lint refuses. James counts
 * with meters, and counts its open connections down again on the same kind of meter ({@code imapConnections},
 * {@code smtpConnections}): those become gauges, the other meters counters. Gauges stay gauges; timers become a
 * count and the 99th percentile since start, from James's HdrHistogram reservoir (it keeps no total time, and a
 * gauge may not carry a {@code quantile} label). Its JVM set is left out: the JVM has Micrometer's own meters.
 */
public final class JamesMetricsBridge extends MetricRegistryListener.Base {
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesMetricsBridge.class);

    private final MeterRegistry registry;

    private JamesMetricsBridge(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Bridges what the registry holds now and whatever is added to it later. */
    public static void bind(MetricRegistry james, MeterRegistry registry) {
        james.addListener(new JamesMetricsBridge(registry));
    }

    @Override
    public void onCounterAdded(String name, Counter counter) {
        gauge(name, counter, Counter::getCount);
    }

    @Override
    public void onGaugeAdded(String name, Gauge<?> gauge) {
        gauge(name, gauge, value -> value.getValue() instanceof Number number ? number.doubleValue() : Double.NaN);
    }

    @Override
    public void onMeterAdded(String name, Meter meter) {
        if (name.endsWith("Connections")) {
            gauge(name, meter, Meter::getCount);
            return;
        }
        register(name, () -> FunctionCounter.builder(meterName(name), meter, Meter::getCount)
            .description("James metric " + name).register(registry));
    }

    @Override
    public void onTimerAdded(String name, Timer timer) {
        register(name, () -> {
            FunctionCounter.builder(meterName(name) + ".calls", timer, Timer::getCount)
                .description("James timer " + name + ": calls").register(registry);
            TimeGauge.builder(meterName(name) + ".p99", timer, TimeUnit.NANOSECONDS,
                    t -> t.getSnapshot().get99thPercentile())
                .description("James timer " + name + ": 99th percentile since start")
                .register(registry);
        });
    }

    private <T> void gauge(String name, T source, ToDoubleFunction<T> value) {
        register(name, () -> io.micrometer.core.instrument.Gauge.builder(meterName(name), source, value)
            .description("James metric " + name).register(registry));
    }

    private static void register(String name, Runnable registration) {
        if (name.startsWith("jvm.")) {
            return;
        }
        try {
            registration.run();
        } catch (IllegalArgumentException clash) {
            // Two of James's names in one snake case, or one of ours: the first registered stays.
            LOGGER.debug("James metric {} not exported: {}", name, clash.getMessage());
        }
    }

    /** {@code imapConnections} becomes {@code james.imap.connections}, {@code IMAP-SELECT} {@code james.imap.select}. */
    static String meterName(String jamesName) {
        String words = jamesName.replaceAll("([a-z0-9])([A-Z])", "$1.$2").toLowerCase(Locale.ROOT);
        return "james." + words.replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
    }
}
