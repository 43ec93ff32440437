package dev.agentmail.james.distributed;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.apache.james.backends.rabbitmq.RabbitMQHealthCheck;
import org.apache.james.backends.rabbitmq.ReactorRabbitMQChannelPool;
import org.apache.james.backends.rabbitmq.ReceiverProvider;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import reactor.rabbitmq.RabbitFlux;
import reactor.rabbitmq.ReceiverOptions;
import reactor.rabbitmq.Sender;

import javax.inject.Singleton;
import java.util.Set;

/**
 * The connection to RabbitMQ that the mail spool and the event bus share, re-established (and their consumers
 * restarted by the {@link SimpleConnectionPool.ReconnectionHandler}s) when the broker comes back.
 */
public class RabbitMqConnectionModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SimpleConnectionPool.Configuration.class).toInstance(SimpleConnectionPool.Configuration.DEFAULT);
        bind(SimpleConnectionPool.class).in(Scopes.SINGLETON);
        bind(ReactorRabbitMQChannelPool.Configuration.class).toInstance(ReactorRabbitMQChannelPool.Configuration.DEFAULT);
        Multibinder.newSetBinder(binder(), SimpleConnectionPool.ReconnectionHandler.class);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(RabbitMQHealthCheck.class);
    }

    @Provides
    @Singleton
    RabbitMQConfiguration configuration(DistributedJamesConfiguration configuration) {
        return RabbitMQConfiguration.builder()
            .amqpUri(configuration.rabbitMqUri())
            .managementUri(configuration.rabbitMqManagementUri())
            .managementCredentials(new RabbitMQConfiguration.ManagementCredentials(
                configuration.rabbitMqManagementUser(), configuration.rabbitMqManagementPassword().toCharArray()))
            .build();
    }

    @Provides
    @Singleton
    ReactorRabbitMQChannelPool channelPool(SimpleConnectionPool connections,
                                           ReactorRabbitMQChannelPool.Configuration configuration,
                                           MetricFactory metrics) {
        ReactorRabbitMQChannelPool channels = new ReactorRabbitMQChannelPool(connections.getResilientConnection(),
            configuration, metrics);
        channels.start();
        return channels;
    }

    @Provides
    @Singleton
    Sender sender(ReactorRabbitMQChannelPool channels) {
        return channels.getSender();
    }

    @Provides
    @Singleton
    ReceiverProvider receivers(SimpleConnectionPool connections) {
        return () -> RabbitFlux.createReceiver(new ReceiverOptions().connectionMono(connections.getResilientConnection()));
    }

    @ProvidesIntoSet
    InitializationOperation registerReconnectionHandlers(SimpleConnectionPool connections,
                                                         Set<SimpleConnectionPool.ReconnectionHandler> handlers) {
        return InitilizationOperationBuilder.forClass(SimpleConnectionPool.class).init(() -> connections.init(handlers));
    }
}
