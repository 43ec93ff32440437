package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened to a message, told to whoever listens: the event outbox, waiting API calls. {@code recipients}
 * names whom a delivery outcome (delivered, bounced, rejected, complained) is about; empty for the other types.
 */
public record MessageEvent(EventType type, StoredMessage message, List<String> recipients, Instant at) {
    public MessageEvent {
        if (type == EventType.DOMAIN_VERIFIED) {
            throw new IllegalArgumentException("not a message event: " + type.wireName());
        }
        recipients = List.copyOf(recipients);
    }

    public MessageEvent(EventType type, StoredMessage message, Instant at) {
        this(type, message, List.of(), at);
    }
}
