package dev.agentmail.store.opensearch;

import org.junit.jupiter.api.Assumptions;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenSearch node that scripts/test-opensearch.sh starts (AGENTMAIL_TEST_OPENSEARCH=http://host:port), or else,
 * where a Docker engine runs, an OpenSearch container started once for the test JVM (Testcontainers). Each caller
 * gets index names of its own. With neither, the OpenSearch tests are skipped, saying how to run them.
 */
public final class TestOpenSearch {
    private static final String IMAGE = "opensearchproject/opensearch:2.4.0";
    private static final String HOSTS = Optional.ofNullable(System.getenv("AGENTMAIL_TEST_OPENSEARCH"))
        .filter(hosts -> !hosts.isBlank()).orElseGet(TestOpenSearch::containerIfDocker);

    private static String containerIfDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        GenericContainer<?> openSearch = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withExposedPorts(9200)
            .withEnv("discovery.type", "single-node")
            .withEnv("DISABLE_SECURITY_PLUGIN", "true")
            .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
            .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
            .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow").forPort(9200)
                .withStartupTimeout(Duration.ofMinutes(3)));
        openSearch.start();
        return "http://" + openSearch.getHost() + ":" + openSearch.getMappedPort(9200);
    }

    private TestOpenSearch() {
    }

    public static void assumeAvailable() {
        Assumptions.assumeTrue(HOSTS != null && !HOSTS.isBlank(),
            "AGENTMAIL_TEST_OPENSEARCH is not set and no Docker engine is running: source scripts/test-opensearch.sh"
                + " and run start_test_opensearch to test the OpenSearch index");
    }

    /** A configuration whose index names are the caller's alone. */
    public static OpenSearchConfiguration newIndexPrefix() {
        assumeAvailable();
        return new OpenSearchConfiguration(OpenSearchConfiguration.parseHosts(HOSTS),
            "test-" + UUID.randomUUID().toString().replace("-", "") + "-");
    }

    public static void deleteIndex(OpenSearchConnection connection, String index) {
        try {
            connection.client().indices().delete(request -> request.index(connection.index(index)));
        } catch (OpenSearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
