package dev.agentmail.api.dto;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.Permission;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code inbox_ids} and {@code permissions} are null for a key that reaches every inbox, or holds every permission. */
public record ApiKeyResponse(String keyId, String name, String prefix, List<String> inboxIds, List<String> permissions,
                             Optional<Instant> usedAt, Instant createdAt) {
    public static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(key.id(), key.name(), key.prefix(), inboxIds(key.scope()), permissions(key.scope()),
            key.usedAt(), key.createdAt());
    }

    static List<String> inboxIds(KeyScope scope) {
        return scope.inboxIds().map(ids -> ids.stream().sorted().toList()).orElse(null);
    }

    static List<String> permissions(KeyScope scope) {
        return scope.permissions().map(granted -> granted.stream().sorted().map(Permission::wireName).toList())
            .orElse(null);
    }
}
