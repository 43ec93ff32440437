package dev.agentmail.store.jdbc;

import java.util.Optional;
import java.util.UUID;

/** The memory storage profile. */
class InMemoryH2RepositoriesTest extends JdbcRepositoriesContractTest {
    @Override
    JdbcDatabase openDatabase() {
        return new JdbcDatabase("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", Optional.empty(),
            Optional.empty());
    }
}
