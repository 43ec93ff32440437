package dev.agentmail.domain.service;

import dev.agentmail.domain.model.MessageEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The internal event interface: {@code message.received} when an inbound message is indexed, {@code message.sent}
 * when a message is accepted for delivery. Subscribers run on the publishing thread and must be quick; one that
 * fails does not stop the others nor the mail.
 */
public class MessageEvents {
    private static final Logger LOGGER = LoggerFactory.getLogger(MessageEvents.class);

    private final List<Consumer<MessageEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** @return a handle that unsubscribes */
    public AutoCloseable subscribe(Consumer<MessageEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(MessageEvent event) {
        for (Consumer<MessageEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOGGER.warn("A subscriber failed on {} of {}", event.type().wireName(), event.message().id(), e);
            }
        }
    }
}
