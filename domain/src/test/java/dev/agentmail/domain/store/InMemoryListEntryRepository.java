package dev.agentmail.domain.store;

import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.model.ListEntry.Direction;
import dev.agentmail.domain.model.ListEntry.Kind;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A test double that obeys {@link ListEntryRepositoryContract}. */
public class InMemoryListEntryRepository implements ListEntryRepository {
    private final List<ListEntry> entries = new ArrayList<>();

    @Override
    public synchronized boolean add(ListEntry entry) {
        if (find(entry.organizationId(), entry.inboxId(), entry.direction(), entry.kind(), entry.entry()).isPresent()) {
            return false;
        }
        return entries.add(entry);
    }

    @Override
    public synchronized Page<ListEntry> list(String organizationId, Optional<String> inboxId, Direction direction,
                                             Kind kind, PageRequest pageRequest) {
        List<ListEntry> list = of(organizationId, inboxId, direction).stream().filter(entry -> entry.kind() == kind)
            .sorted(Comparator.comparing(ListEntry::entry)).toList();
        return Page.of(list.stream().skip(pageRequest.offset()).limit(pageRequest.pageSize()).toList(), list.size(),
            pageRequest);
    }

    @Override
    public synchronized long count(String organizationId, Optional<String> inboxId, Direction direction, Kind kind) {
        return of(organizationId, inboxId, direction).stream().filter(entry -> entry.kind() == kind).count();
    }

    @Override
    public synchronized List<ListEntry> entriesFor(String organizationId, String inboxId, Direction direction) {
        List<ListEntry> both = new ArrayList<>(of(organizationId, Optional.empty(), direction));
        both.addAll(of(organizationId, Optional.of(inboxId), direction));
        return both;
    }

    @Override
    public synchronized boolean delete(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                                       String entry) {
        return find(organizationId, inboxId, direction, kind, entry).map(entries::remove).orElse(false);
    }

    private List<ListEntry> of(String organizationId, Optional<String> inboxId, Direction direction) {
        return entries.stream().filter(entry -> entry.organizationId().equals(organizationId)
            && entry.inboxId().equals(inboxId) && entry.direction() == direction).toList();
    }

    private Optional<ListEntry> find(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                                     String entry) {
        return of(organizationId, inboxId, direction).stream()
            .filter(listed -> listed.kind() == kind && listed.entry().equals(entry)).findFirst();
    }
}
