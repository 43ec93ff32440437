package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@code domain.verified}: published once, with the domain already VERIFIED, when a check finds all its records
 * valid. Subscribers run on the publishing thread and must be quick; one that fails does not stop the others.
 */
public class DomainEvents {
    private static final Logger LOGGER = LoggerFactory.getLogger(DomainEvents.class);

    private final List<Consumer<Domain>> subscribers = new CopyOnWriteArrayList<>();

    /** @return a handle that unsubscribes */
    public AutoCloseable subscribe(Consumer<Domain> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(Domain domain) {
        for (Consumer<Domain> subscriber : subscribers) {
            try {
                subscriber.accept(domain);
            } catch (RuntimeException e) {
                LOGGER.warn("A subscriber failed on domain.verified of {}", domain.name(), e);
            }
        }
    }
}
