package dev.agentmail.store.jdbc;

import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.InboxRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcInboxRepositoryTest implements InboxRepositoryContract {
    private JdbcDatabase database;
    private InboxRepository repository;

    @BeforeEach
    void setUp() {
        database = DerbyDatabase.fresh();
        repository = new JdbcInboxRepository(database.dataSource());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Override
    public InboxRepository inboxRepository() {
        return repository;
    }
}
