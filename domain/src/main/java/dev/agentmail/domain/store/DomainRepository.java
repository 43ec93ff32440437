package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface DomainRepository {
    /** @throws DomainTakenException when the name exists already, in any organization */
    void create(Domain domain);

    /** Looks across organizations: a domain name belongs to one organization on the whole platform. */
    Optional<Domain> find(String name);

    Optional<Domain> find(String organizationId, String name);

    /** Newest first. */
    Page<Domain> list(String organizationId, PageRequest pageRequest);

    long count(String organizationId);

    /** PENDING domains, the longest unchecked first, at most {@code limit}. */
    List<Domain> findPending(int limit);

    /**
     * Stores the status, records and updated_at of {@code domain} and notes it was checked at {@code checkedAt}, only if
     * its stored status is still {@code expected}: of two concurrent checks, one alone sees PENDING turn VERIFIED.
     *
     * @return whether the domain was updated
     */
    boolean updateVerification(Domain domain, Domain.Status expected, Instant checkedAt);

    /** @return whether a domain of this organization was deleted */
    boolean delete(String organizationId, String name);
}
