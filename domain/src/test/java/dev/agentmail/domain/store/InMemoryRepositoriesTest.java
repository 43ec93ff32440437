package dev.agentmail.domain.store;

import org.junit.jupiter.api.BeforeEach;

/** The contracts hold for the in-memory doubles the service tests use, which also shows the contracts can pass. */
class InMemoryRepositoriesTest implements OrganizationRepositoryContract, ApiKeyRepositoryContract,
    InboxRepositoryContract, DomainRepositoryContract {
    private OrganizationRepository organizations;
    private ApiKeyRepository apiKeys;
    private InboxRepository inboxes;
    private DomainRepository domains;

    @BeforeEach
    void setUp() {
        organizations = new InMemoryOrganizationRepository();
        apiKeys = new InMemoryApiKeyRepository();
        inboxes = new InMemoryInboxRepository();
        domains = new InMemoryDomainRepository();
    }

    @Override
    public OrganizationRepository organizationRepository() {
        return organizations;
    }

    @Override
    public ApiKeyRepository apiKeyRepository() {
        return apiKeys;
    }

    @Override
    public InboxRepository inboxRepository() {
        return inboxes;
    }

    @Override
    public DomainRepository domainRepository() {
        return domains;
    }
}
