package dev.agentmail.domain.event;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.store.InboxRepository;

import javax.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks the event types and inbox ids that webhooks and event streams filter on. */
public class EventFilters {
    private static final int MAX_INBOX_IDS = 1000;
    private static final String KNOWN_TYPES =
        String.join(", ", Arrays.stream(EventType.values()).map(EventType::wireName).toList());

    private final InboxRepository inboxes;

    @Inject
    public EventFilters(InboxRepository inboxes) {
        this.inboxes = inboxes;
    }

    /** Known wire names, without repeats, in the order given. */
    public List<EventType> eventTypes(String field, List<String> raw) {
        LinkedHashSet<EventType> types = new LinkedHashSet<>();
        for (String name : raw) {
            types.add(EventType.fromWireName(name == null ? "" : name).orElseThrow(() -> new InvalidInputException(
                field, "unknown event type '" + InvalidInputException.printable(name) + "'; known types: " + KNOWN_TYPES)));
        }
        return new ArrayList<>(types);
    }

    /**
     * Ids of inboxes of the organization, without repeats, in the order given. None means every inbox, which for a
     * key scoped to inboxes is its inboxes; an inbox beyond its scope is unknown, as one of another organization.
     */
    public List<String> inboxIds(String field, String organizationId, List<String> raw) {
        if (raw.size() > MAX_INBOX_IDS) {
            throw new InvalidInputException(field, "at most " + MAX_INBOX_IDS + " inbox ids");
        }
        KeyScope scope = CallerScope.current();
        if (raw.isEmpty() && scope.inboxIds().isPresent()) {
            return scope.inboxIds().get().stream().sorted().toList();
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : raw) {
            ids.add(inboxes.find(organizationId, id == null ? "" : id).filter(inbox -> scope.reaches(inbox.id()))
                .orElseThrow(() -> new InvalidInputException(field,
                    "no inbox '" + InvalidInputException.printable(id) + "' in this organization")).id());
        }
        return new ArrayList<>(ids);
    }
}
