package dev.agentmail.store.cassandra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraSharedSecretsTest {
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
}
