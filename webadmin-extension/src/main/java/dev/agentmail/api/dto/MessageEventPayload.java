package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.MessageEvent;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The body of a message event, for webhooks and the event stream: the message as its GET shows it, and for delivery
 * outcomes the recipients the event is about.
 */
public record MessageEventPayload(String eventId, String eventType, Instant createdAt, MessageResponse message,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<String> recipients) {
    private static final Set<EventType> ABOUT_RECIPIENTS = Set.of(EventType.MESSAGE_DELIVERED,
        EventType.MESSAGE_BOUNCED, EventType.MESSAGE_REJECTED, EventType.MESSAGE_COMPLAINED);

    public static MessageEventPayload of(String eventId, Instant createdAt, MessageEvent event) {
        return new MessageEventPayload(eventId, event.type().wireName(), createdAt, MessageResponse.of(event.message()),
            ABOUT_RECIPIENTS.contains(event.type()) ? event.recipients() : null);
    }
}
