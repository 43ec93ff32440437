package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.util.Optional;

public interface OrganizationRepository {
    void create(Organization organization);

    Optional<Organization> find(String organizationId);

    /** Oldest first, so that the organization made at first start leads the operator's list. */
    Page<Organization> list(PageRequest pageRequest);

    long count();
}
