package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.model.ListEntry.Direction;
import dev.agentmail.domain.model.ListEntry.Kind;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.ListEntryRepository;

import javax.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Keeps what a list decision reads for each recipient of each delivery; every change through it forgets it all, so
 * an entry added or removed applies to the next message (see {@link LookupCache}).
 */
public class CachingListEntryRepository implements ListEntryRepository {
    private record Key(String organizationId, String inboxId, Direction direction) {
    }

    private final ListEntryRepository stored;
    private final LookupCache<Key, List<ListEntry>> entries = new LookupCache<>(100_000);

    @Inject
    public CachingListEntryRepository(JdbcListEntryRepository stored) {
        this.stored = stored;
    }

    @Override
    public List<ListEntry> entriesFor(String organizationId, String inboxId, Direction direction) {
        return entries.get(new Key(organizationId, inboxId, direction),
            () -> List.copyOf(stored.entriesFor(organizationId, inboxId, direction)));
    }

    @Override
    public boolean add(ListEntry entry) {
        return entries.afterWriting(() -> stored.add(entry));
    }

    @Override
    public boolean delete(String organizationId, Optional<String> inboxId, Direction direction, Kind kind, String entry) {
        return entries.afterWriting(() -> stored.delete(organizationId, inboxId, direction, kind, entry));
    }

    @Override
    public Page<ListEntry> list(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                                PageRequest pageRequest) {
        return stored.list(organizationId, inboxId, direction, kind, pageRequest);
    }

    @Override
    public long count(String organizationId, Optional<String> inboxId, Direction direction, Kind kind) {
        return stored.count(organizationId, inboxId, direction, kind);
    }
}
