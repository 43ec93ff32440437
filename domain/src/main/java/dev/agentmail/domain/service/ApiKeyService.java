package dev.agentmail.domain.service;

import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.ApiKeyRepository;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

public class ApiKeyService {
    private static final int MAX_NAME_LENGTH = 200;
    /** used_at is a hint for people, not an audit log: writing it on every request would cost a write per read. */
    private static final Duration USED_AT_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyRepository repository;
    private final Clock clock;

    @Inject
    public ApiKeyService(ApiKeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public CreatedApiKey create(String organizationId, String name) {
        return createWithSecret(organizationId, name, ApiKeySecrets.generate());
    }

    /** For a key the operator chose, such as AGENTMAIL_BOOTSTRAP_KEY. */
    public CreatedApiKey createWithSecret(String organizationId, String name, String secret) {
        String validName = TextInput.required("name", name, MAX_NAME_LENGTH);
        ApiKeySecrets.validateChosen(secret);
        ApiKey key = new ApiKey(Ids.apiKey(), organizationId, validName, ApiKeySecrets.displayPrefix(secret),
            ApiKeySecrets.hash(secret), Optional.empty(), now());
        repository.create(key);
        return new CreatedApiKey(key, secret);
    }

    public Page<ApiKey> list(String organizationId, PageRequest pageRequest) {
        return repository.list(organizationId, pageRequest);
    }

    public void revoke(String organizationId, String keyId) {
        if (!repository.delete(organizationId, keyId)) {
            throw new NotFoundException("api key", keyId);
        }
    }

    /** Whether the key still exists: revoking deletes it. */
    public boolean isActive(String organizationId, String keyId) {
        return repository.find(organizationId, keyId).isPresent();
    }

    /** @return the key this secret belongs to, if it exists and has not been revoked */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith(ApiKeySecrets.PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiKey> key = repository.findBySecretHash(ApiKeySecrets.hash(secret));
        key.ifPresent(this::recordUse);
        return key;
    }

    private void recordUse(ApiKey key) {
        Instant now = now();
        boolean stale = key.usedAt().map(last -> last.plus(USED_AT_RESOLUTION).isBefore(now)).orElse(true);
        if (stale) {
            repository.markUsed(key.id(), now);
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
