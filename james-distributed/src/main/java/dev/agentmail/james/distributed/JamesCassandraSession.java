package dev.agentmail.james.distributed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.internal.core.session.throttling.ConcurrencyLimitingRequestThrottler;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.init.KeyspaceFactory;
import org.apache.james.backends.cassandra.init.SessionWithInitializedTablesFactory;
import org.apache.james.backends.cassandra.init.configuration.KeyspaceConfiguration;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import java.time.Duration;
import java.util.Set;

/**
 * The one CqlSession of James's stores, on James's own keyspace, created at start with the tables of every James
 * component this server runs. James's ClusterFactory is not used: its contact check calls {@code dateof()}, which
 * Cassandra 5.0 no longer has.
 */
public class JamesCassandraSession {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Creating ~50 tables on a small node, each one a schema agreement across the cluster. */
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

    private final CqlSession session;

    @Inject
    public JamesCassandraSession(DistributedJamesConfiguration configuration, Set<CassandraModule> tables) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.REQUEST_CONSISTENCY, ConsistencyLevel.LOCAL_QUORUM.name())
            .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, ConsistencyLevel.LOCAL_SERIAL.name())
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SCHEMA_TIMEOUT)
            // James reads a mailbox with many concurrent queries; its own deployments bound them so.
            .withClass(DefaultDriverOption.REQUEST_THROTTLER_CLASS, ConcurrencyLimitingRequestThrottler.class)
            .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS, 192)
            .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, 10_000)
            // The execution profile that James's table creation asks for.
            .startProfile("TABLE_CREATION")
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, SCHEMA_TIMEOUT)
            .endProfile()
            .build();
        try (CqlSession setup = builder(configuration, config).build()) {
            KeyspaceFactory.createKeyspace(KeyspaceConfiguration.builder()
                .keyspace(configuration.jamesKeyspace())
                .replicationFactor(configuration.replicationFactor())
                .durableWrites(true), setup).block();
        }
        CqlSession keyspaceSession = builder(configuration, config)
            .withKeyspace(CqlIdentifier.fromInternal(configuration.jamesKeyspace()))
            .build();
        // Closes the session itself when the tables cannot be made.
        new SessionWithInitializedTablesFactory(new Cassandra5SchemaSession(keyspaceSession),
            CassandraModule.aggregateModules(tables));
        session = keyspaceSession;
    }

    private static CqlSessionBuilder builder(DistributedJamesConfiguration configuration, DriverConfigLoader config) {
        return CqlSession.builder()
            .addContactPoints(configuration.cassandraHosts())
            .withLocalDatacenter(configuration.localDatacenter())
            .withConfigLoader(config);
    }

    public CqlSession session() {
        return session;
    }

    @PreDestroy
    public void close() {
        session.close();
    }
}
