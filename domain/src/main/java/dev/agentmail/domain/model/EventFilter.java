package dev.agentmail.domain.model;

import java.util.Optional;
import java.util.Set;

/** Which events a reader wants: of these types (all when empty) and about these inboxes (all when empty). */
public record EventFilter(Set<EventType> types, Set<String> inboxIds) {
    public EventFilter {
        types = Set.copyOf(types);
        inboxIds = Set.copyOf(inboxIds);
    }

    public boolean matches(EventType type, Optional<String> inboxId) {
        return (types.isEmpty() || types.contains(type))
            && (inboxIds.isEmpty() || inboxId.map(inboxIds::contains).orElse(true));
    }
}
