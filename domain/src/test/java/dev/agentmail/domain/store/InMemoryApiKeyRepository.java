package dev.agentmail.domain.store;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A test double that obeys {@link ApiKeyRepositoryContract}, for tests of the services. */
public class InMemoryApiKeyRepository implements ApiKeyRepository {
    private final Map<String, ApiKey> keys = new LinkedHashMap<>();

    @Override
    public synchronized void create(ApiKey apiKey) {
        if (keys.containsKey(apiKey.id()) || findBySecretHash(apiKey.secretHash()).isPresent()) {
            throw new IllegalStateException("duplicate key id or secret");
        }
        keys.put(apiKey.id(), apiKey);
    }

    @Override
    public synchronized Optional<ApiKey> findBySecretHash(String secretHash) {
        return keys.values().stream().filter(key -> key.secretHash().equals(secretHash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiKey> find(String organizationId, String keyId) {
        return Optional.ofNullable(keys.get(keyId)).filter(key -> key.organizationId().equals(organizationId));
    }

    @Override
    public synchronized Page<ApiKey> list(String organizationId, PageRequest pageRequest) {
        return InMemoryPaging.page(keys.values().stream()
            .filter(key -> key.organizationId().equals(organizationId))
            .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id).reversed())
            .toList(), pageRequest);
    }

    @Override
    public synchronized boolean delete(String organizationId, String keyId) {
        return find(organizationId, keyId).map(key -> keys.remove(keyId)).isPresent();
    }

    @Override
    public synchronized void markUsed(String keyId, Instant usedAt) {
        keys.computeIfPresent(keyId, (id, key) -> key.withUsedAt(usedAt));
    }
}
