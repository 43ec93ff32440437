package dev.agentmail.domain.store;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every ApiKeyRepository backend must do; each backend's test implements the factory method. */
public interface ApiKeyRepositoryContract {
    ApiKeyRepository apiKeyRepository();

    static ApiKey key(String id, String organizationId, long createdAtMillis) {
        return new ApiKey(id, organizationId, "name of " + id, "inai_" + id + "...", "hash-" + id,
            Optional.empty(), Instant.ofEpochMilli(createdAtMillis));
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
    default void anotherOrganizationDoesNotSeeTheKey() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));

        assertThat(apiKeyRepository().find("org_2", "key_a")).isEmpty();
        assertThat(apiKeyRepository().list("org_2", PageRequest.first()).data()).isEmpty();
    }

    @Test
    default void listsNewestFirstWithinTheOrganization() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));
        apiKeyRepository().create(key("key_c", "org_1", 3_000));
        apiKeyRepository().create(key("key_b", "org_1", 2_000));
        apiKeyRepository().create(key("key_x", "org_2", 4_000));

        Page<ApiKey> first = apiKeyRepository().list("org_1", new PageRequest(1, 2));
        Page<ApiKey> second = apiKeyRepository().list("org_1", new PageRequest(2, 2));

        assertThat(first.data()).extracting(ApiKey::id).containsExactly("key_c", "key_b");
        assertThat(second.data()).extracting(ApiKey::id).containsExactly("key_a");
        assertThat(first.total()).isEqualTo(3);
    }

    @Test
    default void keysCreatedAtTheSameInstantAreOrderedById() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));
        apiKeyRepository().create(key("key_b", "org_1", 1_000));

        assertThat(apiKeyRepository().list("org_1", PageRequest.first()).data()).extracting(ApiKey::id)
            .containsExactly("key_b", "key_a");
    }

    @Test
    default void deleteRemovesTheKeyOnceAndOnlyForItsOrganization() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));

        assertThat(apiKeyRepository().delete("org_2", "key_a")).isFalse();
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a")).isPresent();
        assertThat(apiKeyRepository().delete("org_1", "key_a")).isTrue();
        assertThat(apiKeyRepository().delete("org_1", "key_a")).isFalse();
        assertThat(apiKeyRepository().findBySecretHash("hash-key_a")).isEmpty();
    }

    @Test
    default void markUsedRecordsTheLastUse() {
        apiKeyRepository().create(key("key_a", "org_1", 1_000));
        Instant used = Instant.ofEpochMilli(1_700_000_000_789L);

        apiKeyRepository().markUsed("key_a", used);

        assertThat(apiKeyRepository().find("org_1", "key_a").orElseThrow().usedAt()).contains(used);
    }
}
