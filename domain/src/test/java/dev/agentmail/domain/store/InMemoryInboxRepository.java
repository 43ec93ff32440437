package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A test double that obeys {@link InboxRepositoryContract}, for tests of the services. */
public class InMemoryInboxRepository implements InboxRepository {
    private final Map<String, Inbox> inboxes = new LinkedHashMap<>();

    @Override
    public synchronized void create(Inbox inbox) {
        if (findByAddress(inbox.username(), inbox.domain()).isPresent()) {
            throw new AddressTakenException(inbox.emailAddress());
        }
        if (inbox.clientId().flatMap(clientId -> findByClientId(inbox.organizationId(), clientId)).isPresent()) {
            throw new ClientIdTakenException();
        }
        if (inboxes.putIfAbsent(inbox.id(), inbox) != null) {
            throw new IllegalStateException("duplicate inbox id");
        }
    }

    @Override
    public synchronized Optional<Inbox> find(String organizationId, String inboxId) {
        return Optional.ofNullable(inboxes.get(inboxId)).filter(inbox -> inbox.organizationId().equals(organizationId));
    }

    @Override
    public synchronized Optional<Inbox> findByAddress(String username, String domain) {
        return inboxes.values().stream()
            .filter(inbox -> inbox.username().equals(username) && inbox.domain().equals(domain))
            .findFirst();
    }

    @Override
    public synchronized Optional<Inbox> findByClientId(String organizationId, String clientId) {
        return inboxes.values().stream()
            .filter(inbox -> inbox.organizationId().equals(organizationId) && inbox.clientId().equals(Optional.of(clientId)))
            .findFirst();
    }

    @Override
    public synchronized Page<Inbox> list(String organizationId, PageRequest pageRequest) {
        return InMemoryPaging.page(inboxes.values().stream()
            .filter(inbox -> inbox.organizationId().equals(organizationId))
            .sorted(Comparator.comparing(Inbox::createdAt).thenComparing(Inbox::id).reversed())
            .toList(), pageRequest);
    }

    @Override
    public synchronized long count(String organizationId) {
        return inboxes.values().stream().filter(inbox -> inbox.organizationId().equals(organizationId)).count();
    }

    @Override
    public synchronized long countByDomain(String domain) {
        return inboxes.values().stream().filter(inbox -> inbox.domain().equals(domain)).count();
    }

    /** Only the display name, send mode and updated_at change, as in the JDBC store. */
    @Override
    public synchronized void update(Inbox inbox) {
        find(inbox.organizationId(), inbox.id()).ifPresent(stored -> inboxes.put(inbox.id(),
            stored.withDisplayName(inbox.displayName(), inbox.updatedAt()).withSendMode(inbox.sendMode(),
                inbox.updatedAt())));
    }

    @Override
    public synchronized java.util.List<Inbox> findExpired(java.time.Instant now, int limit) {
        return inboxes.values().stream()
            .filter(inbox -> inbox.expiresAt().map(expiry -> !expiry.isAfter(now)).orElse(false))
            .sorted(Comparator.comparing((Inbox inbox) -> inbox.expiresAt().orElseThrow()).thenComparing(Inbox::id))
            .limit(Math.max(1, limit))
            .toList();
    }

    @Override
    public synchronized boolean delete(String organizationId, String inboxId) {
        return find(organizationId, inboxId).map(inbox -> inboxes.remove(inboxId)).isPresent();
    }
}
