package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A test double that obeys {@link OrganizationRepositoryContract}, for tests of the services. */
public class InMemoryOrganizationRepository implements OrganizationRepository {
    private final Map<String, Organization> organizations = new LinkedHashMap<>();

    @Override
    public synchronized void create(Organization organization) {
        if (organizations.putIfAbsent(organization.id(), organization) != null) {
            throw new IllegalStateException("duplicate organization id");
        }
    }

    @Override
    public synchronized Optional<Organization> find(String organizationId) {
        return Optional.ofNullable(organizations.get(organizationId));
    }

    @Override
    public synchronized Page<Organization> list(PageRequest pageRequest) {
        return InMemoryPaging.page(organizations.values().stream()
            .sorted(Comparator.comparing(Organization::createdAt).thenComparing(Organization::id))
            .toList(), pageRequest);
    }

    @Override
    public synchronized long count() {
        return organizations.size();
    }
}
