package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.time.Duration;

/**
 * A session on our keyspace, with the keyspace and tables created when missing. Reads and writes go at LOCAL_QUORUM
 * and lightweight transactions at LOCAL_SERIAL, so that a row written through one node is read through any other.
 */
public final class CassandraStore implements AutoCloseable {
    /** Schema changes wait for every node to agree; a small node takes its time. */
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final CqlSession session;
    private final Cql cql;

    private CassandraStore(CqlSession session) {
        this.session = session;
        this.cql = new Cql(session);
    }

    /** Connects, creating the keyspace and the tables when missing. */
    public static CassandraStore open(CassandraConfiguration configuration) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.REQUEST_CONSISTENCY, ConsistencyLevel.LOCAL_QUORUM.name())
            .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, ConsistencyLevel.LOCAL_SERIAL.name())
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SCHEMA_TIMEOUT)
            .build();
        try (CqlSession setup = builder(configuration, config).build()) {
            setup.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + configuration.keyspace()
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
                    + configuration.replicationFactor() + "}")
                .setTimeout(SCHEMA_TIMEOUT));
        } catch (DriverException e) {
            throw Cql.failure(e);
        }
        CqlSession session = builder(configuration, config)
            .withKeyspace(CqlIdentifier.fromInternal(configuration.keyspace()))
            .build();
        try {
            for (String table : CassandraSchema.TABLES) {
                session.execute(SimpleStatement.newInstance(table).setTimeout(SCHEMA_TIMEOUT));
            }
            addMissingColumns(session);
        } catch (DriverException | IllegalStateException e) {
            session.close();
            throw e instanceof DriverException driverException ? Cql.failure(driverException) : e;
        }
        return new CassandraStore(session);
    }

    /** ALTER TABLE ADD cannot run twice: the column is added only when the schema does not have it yet. */
    private static void addMissingColumns(CqlSession session) {
        for (CassandraSchema.AddedColumn added : CassandraSchema.ADDED_COLUMNS) {
            boolean present = session.getKeyspace().flatMap(keyspace -> session.getMetadata().getKeyspace(keyspace))
                .flatMap(keyspace -> keyspace.getTable(added.table()))
                .flatMap(table -> table.getColumn(added.column()))
                .isPresent();
            if (!present) {
                try {
                    session.execute(SimpleStatement.newInstance("ALTER TABLE " + added.table() + " ADD "
                        + added.column() + " " + added.type()).setTimeout(SCHEMA_TIMEOUT));
                } catch (com.datastax.oss.driver.api.core.servererrors.InvalidQueryException alreadyThere) {
                    // Another node added it between our look at the schema and the ALTER.
                }
            }
        }
    }

    private static CqlSessionBuilder builder(
        CassandraConfiguration configuration, DriverConfigLoader config) {
        return CqlSession.builder()
            .addContactPoints(configuration.contactPoints())
            .withLocalDatacenter(configuration.localDatacenter())
            .withConfigLoader(config);
    }

    public CqlSession session() {
        return session;
    }

    Cql cql() {
        return cql;
    }

    @Override
    public void close() {
        session.close();
    }
}
