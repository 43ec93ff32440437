package dev.agentmail.domain.store;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Permission;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every ApiKeyRepository backend must do; each backend's test implements the factory method, which must hand
 * out repositories over one store that starts empty for each test.
 */
public interface ApiKeyRepositoryContract {
    ApiKeyRepository apiKeyRepository();

    static ApiKey key(String id, String organizationId, long createdAtMillis) {
        return new ApiKey(id, organizationId, "name of " + id, "inai_" + id + "...", "hash-" + id,
            KeyScope.FULL, Optional.empty(), Instant.ofEpochMilli(createdAtMillis));
    }

    @Test
    default void createdKeysAreFoundByOrganizationAndByHash() {
        ApiKey key = key("key_a", "org_1", 1_700_000_000_456L);
        apiKeyRepository().create(key);

        assertThat(apiKeyRepository().find("org_1", "key_a")).contains(key);
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a")).contains(key);
        assertThat(apiKeyRepository().findBySecretHash("hash-other")).isEmpty();
    }

    @Test
    default void aKeyCreatedWithALastUseKeepsIt() {
        ApiKey key = new ApiKey("key_a", "org_1", "CI runner ✓", "inai_abcdefgh_...", "hash-key_a",
            KeyScope.FULL, Optional.of(Instant.ofEpochMilli(1_700_000_000_999L)), Instant.ofEpochMilli(1_700_000_000_001L));
        apiKeyRepository().create(key);

        assertThat(apiKeyRepository().find("org_1", "key_a")).contains(key);
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a")).contains(key);
    }

    /** A scope keeps what it names; an empty permission set is kept apart from none (every permission). */
    @Test
    default void aKeyKeepsItsScope() {
        KeyScope scoped = new KeyScope(Optional.of(Set.of("inbox_1", "inbox_2")),
            Optional.of(Set.of(Permission.READ, Permission.APPROVE_DRAFTS)));
        KeyScope inboxesOnly = new KeyScope(Optional.of(Set.of("inbox_3")), Optional.empty());
        KeyScope noPermission = new KeyScope(Optional.empty(), Optional.of(Set.of()));
        apiKeyRepository().create(withScope(key("key_a", "org_1", 1_000), scoped));
        apiKeyRepository().create(withScope(key("key_b", "org_1", 2_000), inboxesOnly));
        apiKeyRepository().create(withScope(key("key_c", "org_1", 3_000), noPermission));
        apiKeyRepository().markUsed("key_a", Instant.ofEpochMilli(5_000));

        assertThat(apiKeyRepository().find("org_1", "key_a").orElseThrow().scope()).isEqualTo(scoped);
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a").orElseThrow().scope()).isEqualTo(scoped);
        assertThat(apiKeyRepository().list("org_1", PageRequest.first()).data()).extracting(ApiKey::scope)
            .containsExactly(noPermission, inboxesOnly, scoped);
        assertThat(apiKeyRepository().find("org_1", "key_c").orElseThrow().scope().allows(Permission.READ)).isFalse();
    }

    private static ApiKey withScope(ApiKey key, KeyScope scope) {
        return new ApiKey(key.id(), key.organizationId(), key.name(), key.prefix(), key.secretHash(), scope,
            key.usedAt(), key.createdAt());
    }

    @Test
    default void unknownKeysAreNotFound() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));

        assertThat(apiKeyRepository().find("org_1", "key_missing")).isEmpty();
        assertThat(apiKeyRepository().findBySecretHash("HASH-KEY_A")).isEmpty();
    }

    @Test
    default void anotherOrganizationDoesNotSeeTheKey() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));

        assertThat(apiKeyRepository().find("org_2", "key_a")).isEmpty();
        Page<ApiKey> list = apiKeyRepository().list("org_2", PageRequest.first());
        assertThat(list.data()).isEmpty();
        assertThat(list.total()).isZero();
    }

    @Test
    default void listsNewestFirstWithinTheOrganization() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));
        apiKeyRepository().create(key("key_c", "org_1", 3_000));
        apiKeyRepository().create(key("key_b", "org_1", 2_000));
        apiKeyRepository().create(key("key_x", "org_2", 4_000));
        // The latest use does not move a key: the order is by creation.
        apiKeyRepository().markUsed("key_a", Instant.ofEpochMilli(10_000));

        Page<ApiKey> first = apiKeyRepository().list("org_1", new PageRequest(1, 2));
        Page<ApiKey> second = apiKeyRepository().list("org_1", new PageRequest(2, 2));
        Page<ApiKey> beyond = apiKeyRepository().list("org_1", new PageRequest(3, 2));

        assertThat(first.data()).extracting(ApiKey::id).containsExactly("key_c", "key_b");
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.page()).isEqualTo(1);
        assertThat(first.pageSize()).isEqualTo(2);
        assertThat(second.data()).extracting(ApiKey::id).containsExactly("key_a");
        assertThat(second.total()).isEqualTo(3);
        assertThat(beyond.data()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
        assertThat(beyond.page()).isEqualTo(3);
    }

    @Test
    default void keysCreatedAtTheSameInstantAreOrderedById() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));
        apiKeyRepository().create(key("key_c", "org_1", 1_000));
        apiKeyRepository().create(key("key_b", "org_1", 1_000));

        assertThat(apiKeyRepository().list("org_1", PageRequest.first()).data()).extracting(ApiKey::id)
            .containsExactly("key_c", "key_b", "key_a");
        assertThat(apiKeyRepository().list("org_1", new PageRequest(2, 1)).data()).extracting(ApiKey::id)
            .containsExactly("key_b");
    }

    @Test
    default void deleteRemovesTheKeyOnceAndOnlyForItsOrganization() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));

        assertThat(apiKeyRepository().delete("org_2", "key_a")).isFalse();
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a")).isPresent();
        assertThat(apiKeyRepository().find("org_1", "key_a")).isPresent();
        assertThat(apiKeyRepository().delete("org_1", "key_a")).isTrue();
        assertThat(apiKeyRepository().delete("org_1", "key_a")).isFalse();
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a")).isEmpty();
        assertThat(apiKeyRepository().find("org_1", "key_a")).isEmpty();
    }

    @Test
    default void deletingAKeyLeavesTheOthers() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));
        apiKeyRepository().create(key("key_b", "org_1", 2_000));

        apiKeyRepository().delete("org_1", "key_a");

        assertThat(apiKeyRepository().list("org_1", PageRequest.first()).data()).extracting(ApiKey::id)
            .containsExactly("key_b");
        assertThat(apiKeyRepository().findBySecretHash("hash-key_b")).isPresent();
    }

    @Test
    default void markUsedRecordsTheLastUseOfThatKeyOnly() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));
        apiKeyRepository().create(key("key_b", "org_1", 1_000));
        Instant used = Instant.ofEpochMilli(1_700_000_000_789L);

        apiKeyRepository().markUsed("key_a", used);

        ApiKey marked = apiKeyRepository().find("org_1", "key_a").orElseThrow();
        assertThat(marked.usedAt()).contains(used);
        assertThat(marked).isEqualTo(new ApiKey("key_a", "org_1", "name of key_a", "inai_key_a...", "hash-key_a",
            KeyScope.FULL, Optional.of(used), Instant.ofEpochMilli(1_000)));
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a").orElseThrow().usedAt()).contains(used);
        assertThat(apiKeyRepository().find("org_1", "key_b").orElseThrow().usedAt()).isEmpty();
    }

    @Test
    default void markUsedReplacesAnEarlierUse() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));
        apiKeyRepository().markUsed("key_a", Instant.ofEpochMilli(2_000));

        apiKeyRepository().markUsed("key_a", Instant.ofEpochMilli(3_001));

        assertThat(apiKeyRepository().find("org_1", "key_a").orElseThrow().usedAt())
            .contains(Instant.ofEpochMilli(3_001));
    }

    @Test
    default void markUsedOfAnUnknownKeyChangesNothing() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));

        apiKeyRepository().markUsed("key_missing", Instant.ofEpochMilli(2_000));

        assertThat(apiKeyRepository().find("org_1", "key_a").orElseThrow().usedAt()).isEmpty();
    }

    /**
     * A secret must authenticate one key only, or a chosen key reused in two organizations would open both. The
     * refusal must not echo the hash, which failures and logs would otherwise carry.
     */
    @Test
    default void twoKeysCannotShareASecretHash() {
        ApiKey first = key("key_a", "org_1", 1_000);
        apiKeyRepository().create(first);
        ApiKey clash = new ApiKey("key_b", "org_2", "clash", "inai_clash...", "hash-key_a", KeyScope.FULL,
            Optional.empty(),
            Instant.ofEpochMilli(2_000));

        assertThatThrownBy(() -> apiKeyRepository().create(clash))
            .isInstanceOf(RuntimeException.class)
            .satisfies(failure -> {
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain("hash-key_a");
                }
            });
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a")).contains(first);
        assertThat(apiKeyRepository().find("org_2", "key_b")).isEmpty();
    }
}
