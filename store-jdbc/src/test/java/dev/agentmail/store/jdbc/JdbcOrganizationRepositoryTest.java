package dev.agentmail.store.jdbc;

import dev.agentmail.domain.store.OrganizationRepository;
import dev.agentmail.domain.store.OrganizationRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcOrganizationRepositoryTest implements OrganizationRepositoryContract {
    private JdbcDatabase database;
    private OrganizationRepository repository;

    @BeforeEach
    void setUp() {
        database = DerbyDatabase.fresh();
        repository = new JdbcOrganizationRepository(database.dataSource());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Override
    public OrganizationRepository organizationRepository() {
        return repository;
    }
}
