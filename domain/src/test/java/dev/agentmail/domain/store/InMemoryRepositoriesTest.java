package dev.agentmail.domain.store;

import org.junit.jupiter.api.BeforeEach;

/** The contracts hold for the in-memory doubles the service tests use, which also shows the contracts can pass. */
class InMemoryRepositoriesTest implements OrganizationRepositoryContract, ApiKeyRepositoryContract,
    InboxRepositoryContract {
    private OrganizationRepository organizations;
    private ApiKeyRepository apiKeys;
    private InboxRepository inboxes;

    @BeforeEach
    void setUp() {
        organizations = new InMemoryOrganizationRepository();
        apiKeys = new InMemoryApiKeyRepository();
        inboxes = new InMemoryInboxRepository();
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
}
