package dev.agentmail.domain.store;

import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.model.ListEntry.Direction;
import dev.agentmail.domain.model.ListEntry.Kind;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.util.List;
import java.util.Optional;

/**
 * Allow and block lists. A list is named by its organization, its inbox (empty for the organization's own lists), its
 * direction and its kind; within it an entry is unique.
 */
public interface ListEntryRepository {
    /** @return false, storing nothing, when the list has this entry already */
    boolean add(ListEntry entry);

    /** In the order of the entries' text. */
    Page<ListEntry> list(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                         PageRequest pageRequest);

    long count(String organizationId, Optional<String> inboxId, Direction direction, Kind kind);

    /** Both kinds of the organization's lists and of the inbox's in one direction: what a decision reads. */
    List<ListEntry> entriesFor(String organizationId, String inboxId, Direction direction);

    /** @return whether the entry was in the list */
    boolean delete(String organizationId, Optional<String> inboxId, Direction direction, Kind kind, String entry);
}
