package dev.agentmail.store.jdbc;

import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.ApiKeyRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcApiKeyRepositoryTest implements ApiKeyRepositoryContract {
    private JdbcDatabase database;
    private ApiKeyRepository repository;

    @BeforeEach
    void setUp() {
        database = DerbyDatabase.fresh();
        repository = new JdbcApiKeyRepository(database.dataSource());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Override
    public ApiKeyRepository apiKeyRepository() {
        return repository;
    }
}
