package dev.agentmail.domain.event;

import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.EventType;

/** {@code draft.*} events, with the draft as it is after the change. */
public class DraftEvents extends InProcessBus<DraftEvents.DraftEvent> {
    public record DraftEvent(EventType type, Draft draft) {
    }

    @Override
    String describe(DraftEvent event) {
        return event.type().wireName() + " of " + event.draft().id();
    }
}
