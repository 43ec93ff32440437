package dev.agentmail.domain.store;

import dev.agentmail.domain.model.IdempotencyRecord;
import dev.agentmail.domain.model.IdempotencyRecord.Answer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** What every IdempotencyRecords backend must do; each backend's test implements the factory method. */
public interface IdempotencyRecordsContract {
    IdempotencyRecords idempotencyRecords();

    private static IdempotencyRecord claim(String organizationId, String key, String token, long at) {
        return IdempotencyRecord.claim(organizationId, key, fingerprint(key), token, Instant.ofEpochMilli(at));
    }

    /** As long as the SHA-256 fingerprints in hex that the service makes. */
    private static String fingerprint(String key) {
        return String.format("%064x", key.hashCode() & 0xffffffffL);
    }

    @Test
    default void aKeyIsClaimedOnceAndReadBack() {
        IdempotencyRecord first = claim("org_a", "key-1", "token-1", 1_000);

        assertThat(idempotencyRecords().claim(first)).isTrue();
        assertThat(idempotencyRecords().claim(claim("org_a", "key-1", "token-2", 2_000))).isFalse();

        assertThat(idempotencyRecords().find("org_a", "key-1")).contains(first);
        assertThat(idempotencyRecords().find("org_a", "key-2")).isEmpty();
    }

    @Test
    default void eachOrganizationHasItsOwnKeys() {
        assertThat(idempotencyRecords().claim(claim("org_a", "shared", "token-a", 1_000))).isTrue();
        assertThat(idempotencyRecords().claim(claim("org_b", "shared", "token-b", 1_000))).isTrue();

        assertThat(idempotencyRecords().find("org_b", "shared").map(IdempotencyRecord::claimToken)).contains("token-b");
    }

    @Test
    default void keysAreCaseSensitiveAndKeptWhole() {
        String longKey = "K".repeat(200) + " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + "k".repeat(22);
        assertThat(longKey).hasSize(255);

        assertThat(idempotencyRecords().claim(claim("org_a", longKey, "token-1", 1_000))).isTrue();
        assertThat(idempotencyRecords().claim(claim("org_a", longKey.toLowerCase(), "token-2", 1_000))).isTrue();

        assertThat(idempotencyRecords().find("org_a", longKey).map(IdempotencyRecord::claimToken)).contains("token-1");
    }

    @Test
    default void theHolderOfAClaimStoresItsAnswer() {
        idempotencyRecords().claim(claim("org_a", "key-1", "token-1", 1_000));
        Answer answer = new Answer(201, "{\"inbox_id\":\"inb_1\",\"note\":\"" + "x".repeat(20_000) + "\"}");

        assertThat(idempotencyRecords().complete("org_a", "key-1", "token-other", new Answer(200, "{}"))).isFalse();
        assertThat(idempotencyRecords().complete("org_a", "key-1", "token-1", answer)).isTrue();

        IdempotencyRecord found = idempotencyRecords().find("org_a", "key-1").orElseThrow();
        assertThat(found.answer()).contains(answer);
        assertThat(found.fingerprint()).isEqualTo(fingerprint("key-1"));
        assertThat(found.createdAt()).isEqualTo(Instant.ofEpochMilli(1_000));
    }

    @Test
    default void onlyTheHolderReleasesAClaim() {
        idempotencyRecords().claim(claim("org_a", "key-1", "token-1", 1_000));

        assertThat(idempotencyRecords().release("org_a", "key-1", "token-other")).isFalse();
        assertThat(idempotencyRecords().find("org_a", "key-1")).isPresent();
        assertThat(idempotencyRecords().release("org_a", "key-1", "token-1")).isTrue();

        assertThat(idempotencyRecords().find("org_a", "key-1")).isEmpty();
        assertThat(idempotencyRecords().claim(claim("org_a", "key-1", "token-2", 2_000))).isTrue();
    }

    @Test
    default void aReclaimReplacesOnlyTheRecordItExpects() {
        idempotencyRecords().claim(claim("org_a", "key-1", "token-1", 1_000));
        IdempotencyRecord second = claim("org_a", "key-1", "token-2", 9_000);

        assertThat(idempotencyRecords().reclaim(second, "token-other")).isFalse();
        assertThat(idempotencyRecords().reclaim(second, "token-1")).isTrue();
        assertThat(idempotencyRecords().reclaim(claim("org_a", "key-1", "token-3", 9_000), "token-1")).isFalse();

        assertThat(idempotencyRecords().find("org_a", "key-1")).contains(second);
        assertThat(idempotencyRecords().complete("org_a", "key-1", "token-1", new Answer(200, "{}"))).isFalse();
        assertThat(idempotencyRecords().reclaim(claim("org_a", "missing", "token-4", 9_000), "token-1")).isFalse();
        assertThat(idempotencyRecords().find("org_a", "missing")).isEmpty();
    }

    @Test
    default void aReclaimAlsoReplacesAnAnsweredRecord() {
        idempotencyRecords().claim(claim("org_a", "key-1", "token-1", 1_000));
        idempotencyRecords().complete("org_a", "key-1", "token-1", new Answer(200, "{\"old\":true}"));

        assertThat(idempotencyRecords().reclaim(claim("org_a", "key-1", "token-2", 9_000), "token-1")).isTrue();

        assertThat(idempotencyRecords().find("org_a", "key-1").orElseThrow().answer()).isEmpty();
    }

    @Test
    default void ofConcurrentClaimsOfOneKeyExactlyOneWins() throws Exception {
        int claimers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                IdempotencyRecord claim = claim("org_a", "raced", "token-" + i, 1_000);
                results.add(pool.submit(() -> {
                    go.await();
                    return idempotencyRecords().claim(claim);
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void forgettingOldRecordsLeavesRecentOnes() {
        idempotencyRecords().claim(claim("org_a", "old", "token-1", 1_000));
        idempotencyRecords().claim(claim("org_a", "new", "token-2", 5_000));
        idempotencyRecords().complete("org_a", "old", "token-1", new Answer(200, "{}"));

        assertThat(idempotencyRecords().forgetBefore(Instant.ofEpochMilli(2_000))).isEqualTo(1);

        assertThat(idempotencyRecords().find("org_a", "old")).isEmpty();
        assertThat(idempotencyRecords().find("org_a", "new")).isPresent();
        assertThat(idempotencyRecords().find("org_a", "new").map(IdempotencyRecord::answer)).contains(Optional.empty());
    }
}
