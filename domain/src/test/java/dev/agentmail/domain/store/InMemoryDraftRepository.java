package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftStatus;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A test double that obeys {@link DraftRepositoryContract}. */
public class InMemoryDraftRepository implements DraftRepository {
    private static final Comparator<Draft> NEWEST_FIRST =
        Comparator.comparing(Draft::createdAt).thenComparing(Draft::id).reversed();

    private final Map<String, Draft> drafts = new LinkedHashMap<>();

    @Override
    public synchronized void create(Draft draft) {
        if (drafts.putIfAbsent(draft.id(), draft) != null) {
            throw new IllegalStateException("duplicate draft id");
        }
    }

    @Override
    public synchronized Optional<Draft> find(String organizationId, String draftId) {
        return find(draftId).filter(draft -> draft.organizationId().equals(organizationId));
    }

    @Override
    public synchronized Optional<Draft> find(String draftId) {
        return Optional.ofNullable(drafts.get(draftId));
    }

    @Override
    public synchronized Optional<Draft> findByLocation(MailboxLocation location) {
        return drafts.values().stream().filter(draft -> draft.location().equals(Optional.of(location))).findFirst();
    }

    @Override
    public synchronized Page<Draft> listByInbox(String organizationId, String inboxId, PageRequest pageRequest) {
        return page(draft -> draft.organizationId().equals(organizationId) && draft.inboxId().equals(inboxId),
            pageRequest);
    }

    @Override
    public synchronized Page<Draft> list(String organizationId, Optional<DraftStatus> status, PageRequest pageRequest) {
        return page(draft -> draft.organizationId().equals(organizationId)
            && status.map(wanted -> draft.status() == wanted).orElse(true), pageRequest);
    }

    private Page<Draft> page(Predicate<Draft> filter, PageRequest pageRequest) {
        return InMemoryPaging.page(drafts.values().stream().filter(filter).sorted(NEWEST_FIRST).toList(), pageRequest);
    }

    @Override
    public synchronized boolean update(Draft draft, DraftStatus expected) {
        Draft stored = drafts.get(draft.id());
        if (stored == null || stored.status() != expected || !stored.organizationId().equals(draft.organizationId())) {
            return false;
        }
        drafts.put(draft.id(), draft);
        return true;
    }

    @Override
    public synchronized List<Draft> findDue(Instant now, int limit) {
        return drafts.values().stream()
            .filter(draft -> draft.status() == DraftStatus.SCHEDULED && draft.sendAt().isPresent()
                && !draft.sendAt().get().isAfter(now))
            .sorted(Comparator.comparing((Draft draft) -> draft.sendAt().get()).thenComparing(Draft::id))
            .limit(limit)
            .toList();
    }

    @Override
    public synchronized boolean delete(String organizationId, String draftId) {
        return find(organizationId, draftId).map(draft -> drafts.remove(draftId) != null).orElse(false);
    }
}
