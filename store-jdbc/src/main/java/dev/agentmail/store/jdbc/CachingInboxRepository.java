package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.InboxRepository;

import javax.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the two inbox lookups of every delivery (by address at RCPT, by id when indexing), including that an address
 * has no inbox; every write through it forgets them all, so a deleted inbox stops receiving at once (see
 * {@link LookupCache}).
 */
public class CachingInboxRepository implements InboxRepository {
    private record Address(String username, String domain) {
    }

    private record Key(String organizationId, String inboxId) {
    }

    private final InboxRepository stored;
    /** By {@link Address} and by {@link Key}, forgotten together. */
    private final LookupCache<Record, Optional<Inbox>> lookups = new LookupCache<>(200_000);

    @Inject
    public CachingInboxRepository(JdbcInboxRepository stored) {
        this.stored = stored;
    }

    @Override
    public Optional<Inbox> find(String organizationId, String inboxId) {
        return lookups.get(new Key(organizationId, inboxId), () -> stored.find(organizationId, inboxId));
    }

    @Override
    public Optional<Inbox> findByAddress(String username, String domain) {
        return lookups.get(new Address(username, domain), () -> stored.findByAddress(username, domain));
    }

    @Override
    public void create(Inbox inbox) {
        lookups.afterWriting(() -> stored.create(inbox));
    }

    @Override
    public void update(Inbox inbox) {
        lookups.afterWriting(() -> stored.update(inbox));
    }

    @Override
    public boolean delete(String organizationId, String inboxId) {
        return lookups.afterWriting(() -> stored.delete(organizationId, inboxId));
    }

    @Override
    public Optional<Inbox> findByClientId(String organizationId, String clientId) {
        return stored.findByClientId(organizationId, clientId);
    }

    @Override
    public Page<Inbox> list(String organizationId, PageRequest pageRequest) {
        return stored.list(organizationId, pageRequest);
    }

    @Override
    public long count(String organizationId) {
        return stored.count(organizationId);
    }

    @Override
    public long countByDomain(String domain) {
        return stored.countByDomain(domain);
    }

    @Override
    public List<Inbox> findExpired(Instant now, int limit) {
        return stored.findExpired(now, limit);
    }
}
