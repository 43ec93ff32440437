package dev.agentmail.james.distributed;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.event.json.MailboxEventSerializer;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusId;
import org.apache.james.events.EventBusReconnectionHandler;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventDeadLettersHealthCheck;
import org.apache.james.events.EventSerializer;
import org.apache.james.events.KeyReconnectionHandler;
import org.apache.james.events.NamingStrategy;
import org.apache.james.events.RabbitMQEventBus;
import org.apache.james.events.RegistrationKey;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

/**
 * Mailbox events on RabbitMQ. A group listener (quota counting, content deletion, our projection) has one queue
 * that the nodes share, so each event reaches it once in the cluster; a listener registered for a key (an IMAP
 * session watching its selected mailbox) hears the events of that key from whichever node they come. Events that a
 * group listener failed on, after retries, are kept as dead letters in Cassandra for WebAdmin to redeliver.
 *
 * <p>Overrides the in-JVM bus of James's {@code DefaultEventModule}, which still loads the listeners.
 */
public class RabbitMqEventBusModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(MailboxEventSerializer.class).in(Scopes.SINGLETON);
        bind(EventSerializer.class).to(MailboxEventSerializer.class);
        bind(NamingStrategy.class).toInstance(NamingStrategy.MAILBOX_EVENT_NAMING_STRATEGY);
        bind(RabbitMQEventBus.class).in(Scopes.SINGLETON);
        bind(EventBus.class).to(RabbitMQEventBus.class);
        Multibinder.newSetBinder(binder(), EventBus.class).addBinding().to(EventBus.class);
        Multibinder.newSetBinder(binder(), RegistrationKey.Factory.class).addBinding()
            .to(MailboxIdRegistrationKey.Factory.class);
        bind(RetryBackoffConfiguration.class).toInstance(RetryBackoffConfiguration.DEFAULT);
        // Each node has a queue of its own for the keys its sessions listen to.
        bind(EventBusId.class).toInstance(EventBusId.random());

        Multibinder<SimpleConnectionPool.ReconnectionHandler> reconnection =
            Multibinder.newSetBinder(binder(), SimpleConnectionPool.ReconnectionHandler.class);
        reconnection.addBinding().to(KeyReconnectionHandler.class);
        reconnection.addBinding().to(EventBusReconnectionHandler.class);

        bind(CassandraDeadLetters.class).in(Scopes.SINGLETON);
        bind(EventDeadLetters.class).to(CassandraDeadLetters.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraDeadLetters.MODULE);

        // Not James's RabbitMQEventBusDeadLetterQueueHealthCheck: it also asks for the JMAP event bus's queue, which a
        // server without JMAP never declares, and would log an error at every periodic check.
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(EventDeadLettersHealthCheck.class);
    }

    @ProvidesIntoSet
    InitializationOperation start(RabbitMQEventBus bus) {
        return InitilizationOperationBuilder.forClass(RabbitMQEventBus.class).init(bus::start);
    }
}
