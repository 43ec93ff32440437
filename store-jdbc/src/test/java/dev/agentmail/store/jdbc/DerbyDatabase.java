package dev.agentmail.store.jdbc;

import java.util.Optional;
import java.util.UUID;

/** A fresh in-memory Derby database per test. */
final class DerbyDatabase {
    private DerbyDatabase() {
    }

    static JdbcDatabase fresh() {
        return new JdbcDatabase("jdbc:derby:memory:test-" + UUID.randomUUID() + ";create=true", Optional.empty(), Optional.empty());
    }
}
