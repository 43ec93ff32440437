package dev.agentmail.domain.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands what happened to the subscribers in this process, on the publishing thread: they must be quick, and one that
 * fails stops neither the others nor the publisher.
 */
abstract class InProcessBus<T> {
    private static final Logger LOGGER = LoggerFactory.getLogger(InProcessBus.class);

    private final List<Consumer<T>> subscribers = new CopyOnWriteArrayList<>();

    /** @return a handle that unsubscribes */
    public AutoCloseable subscribe(Consumer<T> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(T event) {
        for (Consumer<T> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOGGER.warn("A subscriber failed on {}", describe(event), e);
            }
        }
    }

    /** What the log says the event was. */
    abstract String describe(T event);
}
