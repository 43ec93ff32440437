package dev.agentmail.domain.service;

import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.InboxRepository;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

public class ApiKeyService {
    private static final int MAX_NAME_LENGTH = 200;
    /** used_at is a hint for people, not an audit log: writing it on every request would cost a write per read. */
    private static final Duration USED_AT_RESOLUTION = Duration.ofMinutes(1);

    /** A key for more inboxes than this is better a key of the whole organization. */
    private static final int MAX_SCOPED_INBOXES = 100;

    private final ApiKeyRepository repository;
    private final InboxRepository inboxes;
    private final Clock clock;

    @Inject
    public ApiKeyService(ApiKeyRepository repository, InboxRepository inboxes, Clock clock) {
        this.repository = repository;
        this.inboxes = inboxes;
        this.clock = clock;
    }

    /** A key of the whole organization, for the operator. */
    public CreatedApiKey create(String organizationId, String name) {
        return createWithSecret(organizationId, name, ApiKeySecrets.generate());
    }

    /**
     * A key for a caller, reaching the inboxes and holding the permissions asked for (all of them when left out),
     * and never more than the caller's own key: a broader one is forbidden.
     */
    public CreatedApiKey create(String organizationId, String name, Optional<List<String>> inboxIds,
                                Optional<List<String>> permissions) {
        String validName = TextInput.required("name", name, MAX_NAME_LENGTH);
        KeyScope requested = new KeyScope(inboxIds.map(ApiKeyService::validInboxIds),
            permissions.map(ApiKeyService::validPermissions));
        if (!requested.within(CallerScope.current())) {
            throw new ForbiddenException("a key can only make keys no broader than itself: this one reaches "
                + describe(CallerScope.current()));
        }
        for (String inboxId : requested.inboxIds().orElse(Set.of())) {
            if (inboxes.find(organizationId, inboxId).isEmpty()) {
                throw new InvalidInputException("inbox_ids", "no inbox '" + InvalidInputException.printable(inboxId)
                    + "' in this organization");
            }
        }
        return store(organizationId, validName, ApiKeySecrets.generate(), requested);
    }

    /** For a key the operator chose, such as AGENTMAIL_BOOTSTRAP_KEY. */
    public CreatedApiKey createWithSecret(String organizationId, String name, String secret) {
        String validName = TextInput.required("name", name, MAX_NAME_LENGTH);
        ApiKeySecrets.validateChosen(secret);
        return store(organizationId, validName, secret, KeyScope.FULL);
    }

    private CreatedApiKey store(String organizationId, String name, String secret, KeyScope scope) {
        ApiKey key = new ApiKey(Ids.apiKey(), organizationId, name, ApiKeySecrets.displayPrefix(secret),
            ApiKeySecrets.hash(secret), scope, Optional.empty(), now());
        repository.create(key);
        return new CreatedApiKey(key, secret);
    }

    private static Set<String> validInboxIds(List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_SCOPED_INBOXES) {
            throw new InvalidInputException("inbox_ids", "inbox_ids lists 1 to " + MAX_SCOPED_INBOXES
                + " inboxes; leave it out for a key of every inbox");
        }
        if (ids.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("inbox_ids", "inbox_ids holds inbox ids");
        }
        return new LinkedHashSet<>(ids);
    }

    private static Set<Permission> validPermissions(List<String> names) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            granted.add(Permission.fromWireName(name).orElseThrow(() -> new InvalidInputException("permissions",
                "unknown permission '" + InvalidInputException.printable(name) + "'; known permissions: "
                    + String.join(", ", Arrays.stream(Permission.values()).map(Permission::wireName).toList()))));
        }
        return granted;
    }

    private static String describe(KeyScope scope) {
        return scope.inboxIds().map(ids -> "inboxes " + String.join(", ", new TreeSet<>(ids))).orElse("every inbox")
            + " with " + scope.permissions().map(granted -> granted.isEmpty() ? "no permission"
                : "permissions " + String.join(", ", granted.stream().sorted().map(Permission::wireName).toList()))
            .orElse("every permission");
    }

    /** A scoped caller sees the keys no broader than its own, the ones it could have made. */
    public Page<ApiKey> list(String organizationId, PageRequest pageRequest) {
        KeyScope caller = CallerScope.current();
        if (caller.equals(KeyScope.FULL)) {
            return repository.list(organizationId, pageRequest);
        }
        List<ApiKey> visible = ScopedPages.all(request -> repository.list(organizationId, request),
            key -> key.scope().within(caller));
        return ScopedPages.page(visible, pageRequest);
    }

    /** A scoped caller cannot revoke a key broader than its own: to it, that key is not found. */
    public void revoke(String organizationId, String keyId) {
        boolean reachable = repository.find(organizationId, keyId)
            .filter(key -> key.scope().within(CallerScope.current())).isPresent();
        if (!reachable || !repository.delete(organizationId, keyId)) {
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
