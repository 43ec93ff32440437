package dev.agentmail.app;

import dev.agentmail.cluster.RabbitMqEventRelay;
import dev.agentmail.domain.event.EventFeed;
import org.apache.james.lifecycle.api.Startable;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import java.util.Optional;

/** A distributed node's side of the event-feed relay: other nodes' notices, for waiting calls and streams. */
final class ClusterEventRelay implements Startable {
    private final ClusterSettings settings;
    private final EventFeed feed;
    private volatile Optional<RabbitMqEventRelay> relay = Optional.empty();

    @Inject
    ClusterEventRelay(ClusterSettings settings, EventFeed feed) {
        this.settings = settings;
        this.feed = feed;
    }

    void start() throws Exception {
        relay = Optional.of(RabbitMqEventRelay.start(settings.rabbitMqUri(), feed));
    }

    @PreDestroy
    void stop() {
        relay.ifPresent(RabbitMqEventRelay::close);
    }
}
