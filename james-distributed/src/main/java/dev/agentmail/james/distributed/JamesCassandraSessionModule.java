package dev.agentmail.james.distributed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.init.CassandraZonedDateTimeModule;
import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.backends.cassandra.utils.CassandraHealthCheck;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionDAO;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionManager;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionModule;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.mailbox.store.BatchSizes;

import javax.inject.Singleton;

/**
 * Cassandra for James: the session, and the set of table definitions ({@link CassandraModule}) that every other
 * module of this package adds to and that is created at start.
 */
public class JamesCassandraSessionModule extends AbstractModule {
    private final DistributedJamesConfiguration configuration;

    public JamesCassandraSessionModule(DistributedJamesConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void configure() {
        bind(DistributedJamesConfiguration.class).toInstance(configuration);
        bind(JamesCassandraSession.class).in(Scopes.SINGLETON);

        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(CassandraZonedDateTimeModule.MODULE);
        tables.addBinding().toInstance(CassandraSchemaVersionModule.MODULE);

        // James's tuning (read repair chances, batch sizes, LWT use) as its own defaults.
        bind(CassandraConfiguration.class).toInstance(CassandraConfiguration.DEFAULT_CONFIGURATION);
        bind(BatchSizes.class).toInstance(BatchSizes.defaultValues());

        // A keyspace whose tables this version made is recorded at James's newest schema version (no migrations).
        bind(CassandraSchemaVersionDAO.class).in(Scopes.SINGLETON);
        bind(CassandraSchemaVersionManager.class).in(Scopes.SINGLETON);

        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(CassandraHealthCheck.class);
    }

    @Provides
    @Singleton
    CqlSession session(JamesCassandraSession session) {
        return session.session();
    }
}
