package dev.agentmail.domain.event;

import dev.agentmail.domain.model.MessageEvent;

/**
 * The internal event interface of messages: {@code message.received} when an inbound message is indexed,
 * {@code message.sent} when one is accepted for delivery, and what became of it (delivered, bounced, rejected,
 * complained). The event outbox and waiting API calls subscribe.
 */
public class MessageEvents extends InProcessBus<MessageEvent> {
    @Override
    String describe(MessageEvent event) {
        return event.type().wireName() + " of " + event.message().id();
    }
}
