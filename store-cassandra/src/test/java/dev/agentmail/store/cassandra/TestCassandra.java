package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.UUID;

/**
 * The Cassandra node that `./agentmail test` starts (scripts/test-cassandra.sh, AGENTMAIL_TEST_CASSANDRA=host:port).
 * Each caller gets a keyspace of its own. Without that node the Cassandra tests are skipped, saying how to run them.
 */
public final class TestCassandra {
    private static final String HOSTS = System.getenv("AGENTMAIL_TEST_CASSANDRA");

    private TestCassandra() {
    }

    public static void assumeAvailable() {
        Assumptions.assumeTrue(HOSTS != null && !HOSTS.isBlank(),
            "AGENTMAIL_TEST_CASSANDRA is not set: run `./agentmail test` to test the Cassandra backend");
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
        EventSequence.initialize(store.session());
    }

    public static void dropKeyspace(CassandraStore store) {
        store.session().getKeyspace().ifPresent(keyspace -> store.session().execute(
            SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace.asCql(true))
                .setTimeout(Duration.ofSeconds(60))));
    }
}
