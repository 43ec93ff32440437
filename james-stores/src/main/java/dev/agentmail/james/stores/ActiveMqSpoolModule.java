package dev.agentmail.james.stores;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import javax.inject.Singleton;
import javax.jms.ConnectionFactory;
import java.nio.file.Path;

/** James's mail spool (incoming and outgoing queues) on a persistent, embedded ActiveMQ broker. */
public class ActiveMqSpoolModule extends AbstractModule {
    private final Path directory;

    public ActiveMqSpoolModule(Path directory) {
        this.directory = directory;
    }

    @Override
    protected void configure() {
        bind(EmbeddedBroker.Directory.class).toInstance(new EmbeddedBroker.Directory(directory));
        bind(EmbeddedBroker.class).in(Scopes.SINGLETON);
    }

    /** Built by hand: its injectable constructor would start James's own broker, which has a fixed name. */
    @Provides
    @Singleton
    ActiveMQMailQueueFactory queueFactory(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decorators,
                                          MetricFactory metrics, GaugeRegistry gauges) {
        return new ActiveMQMailQueueFactory(connectionFactory, decorators, metrics, gauges, new ActiveMQMetricCollectorNoop());
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory(EmbeddedBroker broker) {
        return broker.connectionFactory();
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(ActiveMQMailQueueFactory factory) {
        // JMX beans would clash between servers sharing a JVM; nothing here reads them.
        factory.setUseJMX(false);
        // Each message's content in the journal itself rather than in a blob file named by its absolute path: the
        // journal alone is then the whole spool, synced to disk with each enqueue, and a backup of it restores into
        // any data dir. (Blob messages spooled by an earlier version are still read, from their blob files.)
        factory.setUseBlobMessages(false);
        factory.init();
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<? extends ManageableMailQueue> factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> plainQueues(MailQueueFactory<? extends ManageableMailQueue> factory) {
        return factory;
    }
}
