package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test double that obeys {@link DomainRepositoryContract}, for tests of the services. */
public class InMemoryDomainRepository implements DomainRepository {
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final Map<String, Instant> checkedAt = new HashMap<>();

    @Override
    public synchronized void create(Domain domain) {
        if (domains.putIfAbsent(domain.name(), domain) != null) {
            throw new DomainTakenException(domain.name());
        }
        checkedAt.put(domain.name(), domain.createdAt());
    }

    @Override
    public synchronized Optional<Domain> find(String name) {
        return Optional.ofNullable(domains.get(name));
    }

    @Override
    public synchronized Optional<Domain> find(String organizationId, String name) {
        return find(name).filter(domain -> domain.organizationId().equals(organizationId));
    }

    @Override
    public synchronized Page<Domain> list(String organizationId, PageRequest pageRequest) {
        return InMemoryPaging.page(domains.values().stream()
            .filter(domain -> domain.organizationId().equals(organizationId))
            .sorted(Comparator.comparing(Domain::createdAt).thenComparing(Domain::name).reversed())
            .toList(), pageRequest);
    }

    @Override
    public synchronized long count(String organizationId) {
        return domains.values().stream().filter(domain -> domain.organizationId().equals(organizationId)).count();
    }

    @Override
    public synchronized List<Domain> findPending(int limit) {
        return domains.values().stream()
            .filter(domain -> domain.status() == Domain.Status.PENDING)
            .sorted(Comparator.comparing((Domain domain) -> checkedAt.get(domain.name())).thenComparing(Domain::name))
            .limit(Math.max(1, limit))
            .toList();
    }

    @Override
    public synchronized boolean updateVerification(Domain domain, Domain.Status expected, Instant checked) {
        Domain stored = domains.get(domain.name());
        if (stored == null || stored.status() != expected || !stored.organizationId().equals(domain.organizationId())) {
            return false;
        }
        domains.put(domain.name(), stored.withVerification(domain.status(), domain.records(), domain.updatedAt()));
        checkedAt.put(domain.name(), checked);
        return true;
    }

    @Override
    public synchronized boolean delete(String organizationId, String name) {
        if (find(organizationId, name).isEmpty()) {
            return false;
        }
        domains.remove(name);
        checkedAt.remove(name);
        return true;
    }
}
