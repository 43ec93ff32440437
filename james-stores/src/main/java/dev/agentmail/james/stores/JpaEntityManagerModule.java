package dev.agentmail.james.stores;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import javax.inject.Singleton;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import java.util.Map;

/**
 * James's JPA stores on the same pooled database as our own data: one connection pool, and for the embedded
 * default one Derby database under the data dir.
 */
public class JpaEntityManagerModule extends AbstractModule {
    public static final String PERSISTENCE_UNIT = "agentmail-james";

    private final DataSource dataSource;

    public JpaEntityManagerModule(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory() {
        return Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, Map.of("openjpa.ConnectionFactory", dataSource));
    }
}
