package dev.agentmail.store.jdbc;

import java.util.Optional;
import java.util.UUID;

/** The memory storage profile. */
class InMemoryDerbyRepositoriesTest extends JdbcRepositoriesContractTest {
    @Override
    JdbcDatabase openDatabase() {
        return new JdbcDatabase("jdbc:derby:memory:test-" + UUID.randomUUID() + ";create=true", Optional.empty(), Optional.empty());
    }
}
