package dev.agentmail.james.stores;

import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** James's JPA tables on a new Derby database in memory, through the persistence unit the server uses. */
final class InMemoryJamesDatabase {
    private InMemoryJamesDatabase() {
    }

    static EntityManagerFactory entityManagers(String name) {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:" + name + "-" + System.nanoTime());
        dataSource.setCreateDatabase("create");
        return Persistence.createEntityManagerFactory(JpaEntityManagerModule.PERSISTENCE_UNIT,
            Map.of("openjpa.ConnectionFactory", dataSource));
    }
}
