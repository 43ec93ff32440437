package dev.agentmail.domain.store;

import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.model.ListEntry.Direction;
import dev.agentmail.domain.model.ListEntry.Kind;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every ListEntryRepository backend must do, over a store that starts empty for each test. */
public interface ListEntryRepositoryContract {
    ListEntryRepository listEntryRepository();

    static ListEntry entry(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                           String entry) {
        return new ListEntry(organizationId, inboxId, direction, kind, entry, Optional.of("because of " + entry),
            Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    default void anAddedEntryIsListedOnceInItsOwnListOnly() {
        ListEntry blocked = entry("org_1", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "spam@example.com");

        assertThat(listEntryRepository().add(blocked)).isTrue();
        assertThat(listEntryRepository().add(blocked)).isFalse();

        Page<ListEntry> page = listEntryRepository().list("org_1", Optional.empty(), Direction.RECEIVE, Kind.BLOCK,
            PageRequest.first());
        assertThat(page.data()).containsExactly(blocked);
        assertThat(page.total()).isEqualTo(1);
        assertThat(listEntryRepository().list("org_1", Optional.empty(), Direction.RECEIVE, Kind.ALLOW,
            PageRequest.first()).data()).isEmpty();
        assertThat(listEntryRepository().list("org_1", Optional.empty(), Direction.SEND, Kind.BLOCK,
            PageRequest.first()).data()).isEmpty();
        assertThat(listEntryRepository().list("org_1", Optional.of("inb_1"), Direction.RECEIVE, Kind.BLOCK,
            PageRequest.first()).data()).isEmpty();
        assertThat(listEntryRepository().list("org_2", Optional.empty(), Direction.RECEIVE, Kind.BLOCK,
            PageRequest.first()).data()).isEmpty();
    }

    @Test
    default void anEntryWithoutAReasonKeepsNone() {
        ListEntry entry = new ListEntry("org_1", Optional.of("inb_1"), Direction.SEND, Kind.ALLOW, "*.example.com",
            Optional.empty(), Instant.ofEpochMilli(1_700_000_000_999L));
        listEntryRepository().add(entry);

        assertThat(listEntryRepository().entriesFor("org_1", "inb_1", Direction.SEND)).containsExactly(entry);
    }

    @Test
    default void listsArePagedInTheOrderOfTheirEntries() {
        for (String name : new String[] {"c.example", "a.example", "d.example", "b.example", "e.example"}) {
            listEntryRepository().add(entry("org_1", Optional.of("inb_1"), Direction.SEND, Kind.BLOCK, name));
        }

        Page<ListEntry> second = listEntryRepository().list("org_1", Optional.of("inb_1"), Direction.SEND, Kind.BLOCK,
            new PageRequest(2, 2));
        assertThat(second.data()).extracting(ListEntry::entry).containsExactly("c.example", "d.example");
        assertThat(second.total()).isEqualTo(5);
        assertThat(listEntryRepository().count("org_1", Optional.of("inb_1"), Direction.SEND, Kind.BLOCK))
            .isEqualTo(5);
    }

    @Test
    default void entriesForAnInboxHoldBothKindsOfItsOwnAndItsOrganizationsListsInOneDirection() {
        ListEntry allowed = entry("org_1", Optional.empty(), Direction.RECEIVE, Kind.ALLOW, "example.com");
        ListEntry blocked = entry("org_1", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "bad@example.com");
        ListEntry inboxBlocked = entry("org_1", Optional.of("inb_1"), Direction.RECEIVE, Kind.BLOCK, "x.com");
        listEntryRepository().add(allowed);
        listEntryRepository().add(blocked);
        listEntryRepository().add(inboxBlocked);
        listEntryRepository().add(entry("org_1", Optional.empty(), Direction.SEND, Kind.BLOCK, "other.com"));
        listEntryRepository().add(entry("org_1", Optional.of("inb_2"), Direction.RECEIVE, Kind.BLOCK, "y.com"));
        listEntryRepository().add(entry("org_2", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "z.com"));

        assertThat(listEntryRepository().entriesFor("org_1", "inb_1", Direction.RECEIVE))
            .containsExactlyInAnyOrder(allowed, blocked, inboxBlocked);
        assertThat(listEntryRepository().entriesFor("org_2", "inb_1", Direction.RECEIVE)).extracting(ListEntry::entry)
            .containsExactly("z.com");
    }

    @Test
    default void aDeletedEntryIsGoneFromItsListOnly() {
        listEntryRepository().add(entry("org_1", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "a.com"));
        listEntryRepository().add(entry("org_1", Optional.of("inb_1"), Direction.RECEIVE, Kind.BLOCK, "a.com"));

        assertThat(listEntryRepository().delete("org_2", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "a.com"))
            .isFalse();
        assertThat(listEntryRepository().delete("org_1", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "a.com"))
            .isTrue();
        assertThat(listEntryRepository().delete("org_1", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "a.com"))
            .isFalse();
        assertThat(listEntryRepository().entriesFor("org_1", "inb_1", Direction.RECEIVE))
            .extracting(ListEntry::inboxId).containsExactly(Optional.of("inb_1"));
    }

    /** A decision reads the lists for every recipient of every message: a change applies to the very next one. */
    @Test
    default void whatADecisionReadsFollowsEachChange() {
        assertThat(listEntryRepository().entriesFor("org_1", "inb_1", Direction.RECEIVE)).isEmpty();

        ListEntry blocked = entry("org_1", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "a.com");
        listEntryRepository().add(blocked);
        assertThat(listEntryRepository().entriesFor("org_1", "inb_1", Direction.RECEIVE)).containsExactly(blocked);

        listEntryRepository().delete("org_1", Optional.empty(), Direction.RECEIVE, Kind.BLOCK, "a.com");
        assertThat(listEntryRepository().entriesFor("org_1", "inb_1", Direction.RECEIVE)).isEmpty();
    }
}
