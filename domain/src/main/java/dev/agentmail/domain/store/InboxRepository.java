package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface InboxRepository {
    /**
     * @throws AddressTakenException when an inbox, of any organization, already has this address
     * @throws ClientIdTakenException when another inbox of the organization has this client_id
     */
    void create(Inbox inbox);

    Optional<Inbox> find(String organizationId, String inboxId);

    /** Looks across organizations: an address is unique on the whole platform. */
    Optional<Inbox> findByAddress(String username, String domain);

    /** The organization's one inbox with this client_id. */
    Optional<Inbox> findByClientId(String organizationId, String clientId);

    /** Newest first. */
    Page<Inbox> list(String organizationId, PageRequest pageRequest);

    long count(String organizationId);

    /** Inboxes on this domain, in any organization. */
    long countByDomain(String domain);

    void update(Inbox inbox);

    /** Disposable inboxes whose time has come, oldest expiry first, at most {@code limit}. */
    List<Inbox> findExpired(Instant now, int limit);

    /** @return whether an inbox of this organization was deleted */
    boolean delete(String organizationId, String inboxId);
}
