package dev.agentmail.app;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What nodes of one cluster share through their storage, two storages standing for two nodes. */
class ClusterStorageTest {
    private static ClusterSettings settings;

    @BeforeAll
    static void deployment() throws Exception {
        Map<String, String> env = TestCluster.newDeployment();
        settings = ClusterSettings.read(new EnvironmentSettings(env));
    }

    @Test
    void workRunAloneRunsOnOneNodeAtATime() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<CompletableFuture<Void>> nodes = new ArrayList<>();
        List<ClusterStorage> storages = List.of(ClusterStorage.open(settings), ClusterStorage.open(settings));
        try {
            for (ClusterStorage storage : storages) {
                for (int i = 0; i < 2; i++) {
                    nodes.add(CompletableFuture.runAsync(() -> {
                        try {
                            storage.runAlone("bootstrap", () -> {
                                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                                Thread.sleep(300);
                                running.decrementAndGet();
                            });
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
            }
            CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).join();
        } finally {
            storages.forEach(ClusterStorage::close);
        }

        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void everyNodeSignsLinksWithTheSameKey() {
        try (ClusterStorage one = ClusterStorage.open(settings); ClusterStorage two = ClusterStorage.open(settings)) {
            assertThat(one.linkSigningKey()).hasSize(32).isEqualTo(two.linkSigningKey());
        }
    }
}
