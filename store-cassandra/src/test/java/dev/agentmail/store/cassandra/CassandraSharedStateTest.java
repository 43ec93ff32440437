package dev.agentmail.store.cassandra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the nodes of a cluster share through Cassandra: secrets and leases. One keyspace for the class. */
class CassandraSharedStateTest {
    private static CassandraStore store;

    @BeforeAll
    static void open() {
        store = CassandraStore.open(TestCassandra.newKeyspace());
    }

    @AfterAll
    static void close() {
        if (store != null) {
            TestCassandra.dropKeyspace(store);
            store.close();
        }
    }

    @Test
    void nodesStartingTogetherAllGetTheSameSecret() {
        List<CompletableFuture<byte[]>> nodes = IntStream.range(0, 4)
            .mapToObj(node -> CompletableFuture.supplyAsync(
                () -> new CassandraSharedSecrets(store).getOrCreate("link-signing-key", 32)))
            .toList();

        List<byte[]> secrets = nodes.stream().map(CompletableFuture::join).toList();

        assertThat(secrets.get(0)).hasSize(32);
        secrets.forEach(secret -> assertThat(secret).isEqualTo(secrets.get(0)));
        assertThat(new CassandraSharedSecrets(store).getOrCreate("link-signing-key", 32)).isEqualTo(secrets.get(0));
    }

    @Test
    void secretsOfDifferentNamesDiffer() {
        CassandraSharedSecrets secrets = new CassandraSharedSecrets(store);

        assertThat(secrets.getOrCreate("one", 32)).isNotEqualTo(secrets.getOrCreate("two", 32));
    }

    @Test
    void oneHolderAtATimeUntilItReleases() {
        CassandraLeases leases = new CassandraLeases(store);

        assertThat(leases.tryAcquire("bootstrap", "node-1", Duration.ofMinutes(1))).isTrue();
        assertThat(leases.tryAcquire("bootstrap", "node-2", Duration.ofMinutes(1))).isFalse();
        leases.release("bootstrap", "node-2");
        assertThat(leases.tryAcquire("bootstrap", "node-2", Duration.ofMinutes(1))).isFalse();

        leases.release("bootstrap", "node-1");
        assertThat(leases.tryAcquire("bootstrap", "node-2", Duration.ofMinutes(1))).isTrue();
        assertThat(leases.tryAcquire("other", "node-1", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void theLeaseOfAHolderThatNeverReleasesRunsOut() {
        CassandraLeases leases = new CassandraLeases(store);
        assertThat(leases.tryAcquire("expiring", "dead-node", Duration.ofSeconds(1))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> leases.tryAcquire("expiring", "node-2", Duration.ofMinutes(1)));
    }
}
