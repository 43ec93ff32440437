package dev.agentmail.store.cassandra;

import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.ApiKeyRepositoryContract;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepositoryContract;
import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.domain.store.DeliveryLedgerContract;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.DomainRepositoryContract;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.EventOutboxContract;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.InboxRepositoryContract;
import dev.agentmail.domain.store.OrganizationRepository;
import dev.agentmail.domain.store.OrganizationRepositoryContract;
import dev.agentmail.domain.store.WebhookRepository;
import dev.agentmail.domain.store.WebhookRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the storage contracts on the Cassandra repositories, on the node `./agentmail test` starts. One keyspace for
 * the class, emptied before each test. The messages are not here: CassandraMessageStore answers for them only with
 * the OpenSearch index, whose module (store-opensearch) runs the message contract on both.
 */
class CassandraRepositoriesContractTest
    implements OrganizationRepositoryContract, ApiKeyRepositoryContract, InboxRepositoryContract, DeliveryLedgerContract,
    WebhookRepositoryContract, EventOutboxContract, DomainRepositoryContract, AttachmentTextRepositoryContract {
    private static CassandraStore store;

    @BeforeAll
    static void open() {
        store = CassandraStore.open(TestCassandra.newKeyspace());
    }

    @AfterAll
    static void close() {
        if (store != null) {
            TestCassandra.dropKeyspace(store);
            store.close();
        }
    }

    @BeforeEach
    void empty() {
        TestCassandra.emptyTables(store);
    }

    @Override
    public OrganizationRepository organizationRepository() {
        return new CassandraOrganizationRepository(store);
    }

    @Override
    public ApiKeyRepository apiKeyRepository() {
        return new CassandraApiKeyRepository(store);
    }

    @Override
    public InboxRepository inboxRepository() {
        return new CassandraInboxRepository(store);
    }

    @Override
    public DeliveryLedger deliveryLedger() {
        return new CassandraDeliveryLedger(store);
    }

    @Override
    public WebhookRepository webhookRepository() {
        return new CassandraWebhookRepository(store);
    }

    @Override
    public EventOutbox eventOutbox() {
        return new CassandraEventOutbox(store);
    }

    @Override
    public AttachmentTextRepository attachmentTextRepository() {
        return new CassandraAttachmentTextRepository(store);
    }

    @Override
    public DomainRepository domainRepository() {
        return new CassandraDomainRepository(store);
    }
}
