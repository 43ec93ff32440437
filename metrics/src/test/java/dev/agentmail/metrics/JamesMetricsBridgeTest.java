package dev.agentmail.metrics;

import com.codahale.metrics.MetricRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class JamesMetricsBridgeTest {
    private final MetricRegistry james = new MetricRegistry();
    private final PrometheusMeterRegistry registry = OperatorMetrics.registry();

    @Test
    void jamesNamesBecomeSnakeCase() {
        assertThat(JamesMetricsBridge.meterName("imapConnections")).isEqualTo("james.imap.connections");
        assertThat(JamesMetricsBridge.meterName("IMAP-SELECT")).isEqualTo("james.imap.select");
        assertThat(JamesMetricsBridge.meterName("mailQueueSize:spool")).isEqualTo("james.mail.queue.size.spool");
    }

    @Test
    void metersMadeBeforeAndAfterBindingAreExported() {
        james.meter("smtpCommands").mark(3);
        JamesMetricsBridge.bind(james, registry);
        // James counts connections down on the same meter: a gauge, not a counter.
        james.meter("imapConnections").mark(2);
        james.meter("imapConnections").mark(-1);
        james.timer("IMAP-SELECT").update(Duration.ofMillis(20));
        james.register("jvm.threads.count", (com.codahale.metrics.Gauge<Integer>) () -> 7);

        String scrape = registry.scrape();
        assertThat(scrape).contains("james_smtp_commands_total 3.0", "# TYPE james_imap_connections gauge",
            "james_imap_connections 1.0", "james_imap_select_calls_total 1.0", "# TYPE james_imap_select_p99_seconds gauge");
        assertThat(scrape).doesNotContain("jvm_threads_count");
    }
}
