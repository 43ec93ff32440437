package dev.agentmail.cluster;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.model.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Passes on what this node appended to the event outbox to every other node, and rings their event feeds, over a
 * RabbitMQ fanout exchange: each node reads from a queue of its own that lives as long as its connection. A notice
 * says only what kind of event was appended for which organization and inbox; readers take the event itself from
 * the shared outbox. A lost notice delays readers on other nodes until their next look (webhook workers and event
 * streams look on their own every few seconds), it loses nothing.
 */
public final class RabbitMqEventRelay implements AutoCloseable {
    static final String EXCHANGE = "agentmail.event-feed";
    private static final Logger LOGGER = LoggerFactory.getLogger(RabbitMqEventRelay.class);
    private static final String NODE = "node";
    private static final String ORGANIZATION = "organization";
    private static final String TYPE = "type";
    private static final String INBOX = "inbox";
    /** A notice older than this tells a node nothing its own periodic look has not found already. */
    private static final int NOTICE_TTL_MILLIS = 30_000;

    private final String nodeId = UUID.randomUUID().toString();
    private final EventFeed feed;
    private final Connection connection;
    private final Channel publishing;
    private final AutoCloseable subscription;

    private RabbitMqEventRelay(EventFeed feed, Connection connection) throws IOException {
        this.feed = feed;
        this.connection = connection;
        this.publishing = connection.createChannel();
        publishing.exchangeDeclare(EXCHANGE, BuiltinExchangeType.FANOUT, true);
        Channel consuming = connection.createChannel();
        String queue = consuming.queueDeclare("", false, true, true, Map.of("x-message-ttl", NOTICE_TTL_MILLIS))
            .getQueue();
        consuming.queueBind(queue, EXCHANGE, "");
        consuming.basicConsume(queue, true, (tag, delivery) -> received(delivery), tag -> { });
        this.subscription = feed.subscribe(this::publishIfLocal);
    }

    /**
     * Connects (recovering the connection and this node's queue by itself after RabbitMQ restarts) and starts
     * relaying.
     */
    public static RabbitMqEventRelay start(URI amqpUri, EventFeed feed) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        Connection connection = factory.newConnection("agentmail-event-relay");
        try {
            return new RabbitMqEventRelay(feed, connection);
        } catch (IOException | RuntimeException e) {
            connection.abort();
            throw e;
        }
    }

    private void publishIfLocal(EventFeed.Appended appended) {
        if (!appended.local()) {
            return;
        }
        Map<String, Object> headers = new HashMap<>();
        headers.put(NODE, nodeId);
        headers.put(ORGANIZATION, appended.organizationId());
        headers.put(TYPE, appended.type().wireName());
        appended.inboxId().ifPresent(inbox -> headers.put(INBOX, inbox));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(headers).build();
        try {
            // A channel is not safe for concurrent publishing; appends come from many threads.
            synchronized (publishing) {
                publishing.basicPublish(EXCHANGE, "", properties, new byte[0]);
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Could not tell the other nodes of {} for {}: they will find it on their next look ({})",
                appended.type().wireName(), appended.organizationId(), e.toString());
        }
    }

    private void received(Delivery delivery) {
        Map<String, Object> headers = delivery.getProperties().getHeaders();
        if (headers == null || nodeId.equals(text(headers, NODE))) {
            return;
        }
        Optional<EventType> type = Optional.ofNullable(text(headers, TYPE)).flatMap(EventType::fromWireName);
        String organization = text(headers, ORGANIZATION);
        if (type.isEmpty() || organization == null) {
            LOGGER.warn("Ignored a malformed event notice from another node: {}", headers);
            return;
        }
        feed.appended(new EventFeed.Appended(organization, type.get(), Optional.ofNullable(text(headers, INBOX)), false));
    }

    /** AMQP hands header strings over as LongString. */
    private static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Closing the event relay's RabbitMQ connection failed", e);
        }
    }
}
