package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The Cassandra node that `./agentmail test` starts (scripts/test-cassandra.sh, AGENTMAIL_TEST_CASSANDRA=host:port),
 * or else, where a Docker engine runs, a Cassandra container started once for the test JVM (Testcontainers). Each
 * caller gets a keyspace of its own. With neither, the Cassandra tests are skipped, saying how to run them.
 */
public final class TestCassandra {
    private static final String IMAGE = "cassandra:5.0.5";
    private static final String HOSTS = Optional.ofNullable(System.getenv("AGENTMAIL_TEST_CASSANDRA"))
        .filter(hosts -> !hosts.isBlank()).orElseGet(TestCassandra::containerIfDocker);

    private static String containerIfDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        GenericContainer<?> cassandra = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withExposedPorts(9042)
            .withEnv("MAX_HEAP_SIZE", "768M")
            .withEnv("HEAP_NEWSIZE", "128M")
            .waitingFor(Wait.forLogMessage(".*Starting listening for CQL clients.*", 1)
                .withStartupTimeout(Duration.ofMinutes(3)));
        cassandra.start();
        return cassandra.getHost() + ":" + cassandra.getMappedPort(9042);
    }

    private TestCassandra() {
    }

    public static void assumeAvailable() {
        Assumptions.assumeTrue(HOSTS != null && !HOSTS.isBlank(),
            "AGENTMAIL_TEST_CASSANDRA is not set and no Docker engine is running: run `./agentmail test` to test the"
                + " Cassandra backend");
    }

    public static CassandraConfiguration newKeyspace() {
        assumeAvailable();
        return new CassandraConfiguration(CassandraConfiguration.parseHosts(HOSTS),
            "test_" + UUID.randomUUID().toString().replace("-", ""), CassandraConfiguration.DEFAULT_DATACENTER, 1);
    }

    /**
     * Empties every table of the store, as a new keyspace would be but much faster: only the tables that hold rows
     * are truncated. The outbox counter row comes back at once, as at a start.
     */
    public static void emptyTables(CassandraStore store) {
        for (String table : CassandraSchema.tableNames()) {
            if (store.session().execute("SELECT * FROM " + table + " LIMIT 1").one() != null) {
                store.session().execute(SimpleStatement.newInstance("TRUNCATE " + table)
                    .setTimeout(Duration.ofSeconds(60)));
            }
        }
    }

    public static void dropKeyspace(CassandraStore store) {
        store.session().getKeyspace().ifPresent(keyspace -> store.session().execute(
            SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace.asCql(true))
                .setTimeout(Duration.ofSeconds(60))));
    }
}
