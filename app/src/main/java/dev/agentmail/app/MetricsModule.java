package dev.agentmail.app;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.agentmail.api.ApiResources;
import dev.agentmail.domain.port.MailMetrics;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.metrics.ApiRequestMetrics;
import dev.agentmail.metrics.JamesMetricsBridge;
import dev.agentmail.metrics.JvmMeters;
import dev.agentmail.metrics.MetricsRoutes;
import dev.agentmail.metrics.MicrometerMailMetrics;
import dev.agentmail.metrics.OperatorMetrics;
import dev.agentmail.metrics.QueueMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.james.lifecycle.api.Startable;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

/**
 * The operator's metrics (README "Metrics"): one Prometheus registry per server, fed by the domain through its
 * {@link MailMetrics} port, by the API's Jersey, by James's Dropwizard registry and by the JVM, served at
 * {@code GET /metrics} on the admin port.
 */
final class MetricsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(MeterRegistry.class).to(PrometheusMeterRegistry.class);
        bind(MailMetrics.class).to(MicrometerMailMetrics.class);
        bind(ServerMeters.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(MetricsRoutes.class);
    }

    @Provides
    @Singleton
    PrometheusMeterRegistry registry() {
        return OperatorMetrics.registry();
    }

    @Provides
    @Singleton
    MicrometerMailMetrics mailMetrics(PrometheusMeterRegistry registry) {
        return new MicrometerMailMetrics(registry);
    }

    @ProvidesIntoSet
    @ApiResources
    Object apiRequestMetrics(PrometheusMeterRegistry registry) {
        return ApiRequestMetrics.listener(registry);
    }

    /** The meters that read other parts (James's registry, the spool, the outbox, the JVM) bind once all is made. */
    @ProvidesIntoSet
    InitializationOperation bindServerMeters(ServerMeters meters) {
        return InitilizationOperationBuilder.forClass(ServerMeters.class).init(meters::start);
    }

    static final class ServerMeters implements Startable {
        private final PrometheusMeterRegistry registry;
        private final MetricRegistry james;
        private final QueueMeters queues;
        private final JvmMeters jvm = new JvmMeters();

        @Inject
        ServerMeters(PrometheusMeterRegistry registry, MetricRegistry james,
                     MailQueueFactory<? extends ManageableMailQueue> spool, EventOutbox outbox) {
            this.registry = registry;
            this.james = james;
            this.queues = new QueueMeters(spool, outbox);
        }

        void start() {
            queues.bindTo(registry);
            jvm.bindTo(registry);
            JamesMetricsBridge.bind(james, registry);
        }

        @PreDestroy
        void stop() {
            jvm.close();
            registry.close();
        }
    }
}
