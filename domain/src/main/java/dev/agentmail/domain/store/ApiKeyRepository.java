package dev.agentmail.domain.store;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.time.Instant;
import java.util.Optional;

public interface ApiKeyRepository {
    void create(ApiKey apiKey);

    Optional<ApiKey> findBySecretHash(String secretHash);

    Optional<ApiKey> find(String organizationId, String keyId);

    /** Newest first. */
    Page<ApiKey> list(String organizationId, PageRequest pageRequest);

    /** @return whether a key of this organization was deleted */
    boolean delete(String organizationId, String keyId);

    void markUsed(String keyId, Instant usedAt);
}
