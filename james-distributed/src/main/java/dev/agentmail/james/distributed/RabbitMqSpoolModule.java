package dev.agentmail.james.distributed;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.rabbitmq.client.Connection;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.blob.api.BlobReferenceSource;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.eventsourcing.Event;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.EventDTO;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.EventDTOModule;
import org.apache.james.lifecycle.api.StartUpCheck;
import org.apache.james.mailetcontainer.impl.JamesMailSpooler;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueue;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueueDeadLetterQueueHealthCheck;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueueFactory;
import org.apache.james.queue.rabbitmq.view.RabbitMQMailQueueConfiguration;
import org.apache.james.queue.rabbitmq.view.api.MailQueueView;
import org.apache.james.queue.rabbitmq.view.cassandra.BrowseStartDAO;
import org.apache.james.queue.rabbitmq.view.cassandra.BrowseStartHealthCheck;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueBrowser;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueMailDelete;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueMailStore;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueView;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueViewModule;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueViewStartUpCheck;
import org.apache.james.queue.rabbitmq.view.cassandra.ContentStartDAO;
import org.apache.james.queue.rabbitmq.view.cassandra.DeletedMailsDAO;
import org.apache.james.queue.rabbitmq.view.cassandra.EnqueuedMailsDAO;
import org.apache.james.queue.rabbitmq.view.cassandra.MailQueueViewBlobReferenceSource;
import org.apache.james.queue.rabbitmq.view.cassandra.configuration.CassandraMailQueueViewConfiguration;
import org.apache.james.queue.rabbitmq.view.cassandra.configuration.CassandraMailQueueViewConfigurationModule;
import org.apache.james.queue.rabbitmq.view.cassandra.configuration.EventsourcingConfigurationManagement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * James's mail spool (incoming and outgoing queues) on RabbitMQ: each queue is one durable RabbitMQ queue that every
 * node consumes, the mails' contents are in the blob store. The browsable view of the queues that WebAdmin lists
 * and clears is kept in Cassandra.
 */
public class RabbitMqSpoolModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(RabbitMQMailQueueConfiguration.class).toInstance(RabbitMQMailQueueConfiguration.builder().build());
        bind(RabbitMQMailQueueFactory.class).in(Scopes.SINGLETON);

        // The view's slicing may never change once mail was queued: a start-up check compares it with the stored one.
        bind(CassandraMailQueueViewConfiguration.class).toInstance(CassandraMailQueueViewConfiguration.DEFAULT);
        bind(EnqueuedMailsDAO.class).in(Scopes.SINGLETON);
        bind(DeletedMailsDAO.class).in(Scopes.SINGLETON);
        bind(BrowseStartDAO.class).in(Scopes.SINGLETON);
        bind(ContentStartDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMailQueueBrowser.class).in(Scopes.SINGLETON);
        bind(CassandraMailQueueMailDelete.class).in(Scopes.SINGLETON);
        bind(CassandraMailQueueMailStore.class).in(Scopes.SINGLETON);
        bind(CassandraMailQueueView.Factory.class).in(Scopes.SINGLETON);
        bind(MailQueueView.Factory.class).to(CassandraMailQueueView.Factory.class);
        bind(EventsourcingConfigurationManagement.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), new TypeLiteral<EventDTOModule<? extends Event, ? extends EventDTO>>() {
        }).addBinding().toInstance(CassandraMailQueueViewConfigurationModule.MAIL_QUEUE_VIEW_CONFIGURATION);
        Multibinder.newSetBinder(binder(), StartUpCheck.class).addBinding().to(CassandraMailQueueViewStartUpCheck.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraMailQueueViewModule.MODULE);
        Multibinder.newSetBinder(binder(), BlobReferenceSource.class).addBinding()
            .to(MailQueueViewBlobReferenceSource.class);

        Multibinder<HealthCheck> healthChecks = Multibinder.newSetBinder(binder(), HealthCheck.class);
        healthChecks.addBinding().to(RabbitMQMailQueueDeadLetterQueueHealthCheck.class);
        healthChecks.addBinding().to(BrowseStartHealthCheck.class);

        Multibinder.newSetBinder(binder(), SimpleConnectionPool.ReconnectionHandler.class).addBinding()
            .to(SpoolerReconnectionHandler.class);
    }

    @Provides
    @Singleton
    MailQueueFactory<RabbitMQMailQueue> rabbitMqQueues(RabbitMQMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(MailQueueFactory<RabbitMQMailQueue> factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<RabbitMQMailQueue> factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> plainQueues(MailQueueFactory<RabbitMQMailQueue> factory) {
        return factory;
    }

    /** A new connection means new channels: the spooler's consumer must subscribe again. */
    static class SpoolerReconnectionHandler implements SimpleConnectionPool.ReconnectionHandler {
        private final JamesMailSpooler spooler;

        @Inject
        SpoolerReconnectionHandler(JamesMailSpooler spooler) {
            this.spooler = spooler;
        }

        @Override
        public Publisher<Void> handleReconnection(Connection connection) {
            return Mono.fromRunnable(spooler::restart);
        }
    }
}
