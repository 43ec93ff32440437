package dev.agentmail.domain.port;

import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.MessageEvent;

import java.time.Instant;

/** Renders the JSON body of an event, with the resource as the API shows it. */
public interface EventPayloads {
    String message(String eventId, Instant createdAt, MessageEvent event);

    String domain(String eventId, Instant createdAt, Domain domain);

    String draft(String eventId, Instant createdAt, EventType type, Draft draft);
}
