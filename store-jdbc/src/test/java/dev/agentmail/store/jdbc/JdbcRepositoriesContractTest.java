package dev.agentmail.store.jdbc;

import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.ApiKeyRepositoryContract;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepositoryContract;
import dev.agentmail.domain.store.AttachmentTextSearchContract;
import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.EventOutboxContract;
import dev.agentmail.domain.store.WebhookRepository;
import dev.agentmail.domain.store.WebhookRepositoryContract;
import dev.agentmail.domain.store.DeliveryLedgerContract;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.DomainRepositoryContract;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.InboxRepositoryContract;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.domain.store.MessageRepositoryContract;
import dev.agentmail.domain.store.OrganizationRepository;
import dev.agentmail.domain.store.OrganizationRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Runs every storage contract on the JDBC repositories over one database per test; subclasses pick the database. */
abstract class JdbcRepositoriesContractTest
    implements OrganizationRepositoryContract, ApiKeyRepositoryContract, InboxRepositoryContract, DeliveryLedgerContract,
    MessageRepositoryContract, WebhookRepositoryContract, EventOutboxContract, DomainRepositoryContract,
    AttachmentTextRepositoryContract, AttachmentTextSearchContract {
    private JdbcDatabase database;

    abstract JdbcDatabase openDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = openDatabase();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    public OrganizationRepository organizationRepository() {
        return new JdbcOrganizationRepository(database.dataSource());
    }

    @Override
    public ApiKeyRepository apiKeyRepository() {
        return new JdbcApiKeyRepository(database.dataSource());
    }

    @Override
    public InboxRepository inboxRepository() {
        return new JdbcInboxRepository(database.dataSource());
    }

    @Override
    public MessageRepository messageRepository() {
        return new JdbcMessageRepository(database.dataSource());
    }

    @Override
    public WebhookRepository webhookRepository() {
        return new JdbcWebhookRepository(database.dataSource());
    }

    @Override
    public EventOutbox eventOutbox() {
        return new JdbcEventOutbox(database.dataSource());
    }

    @Override
    public DeliveryLedger deliveryLedger() {
        return new JdbcDeliveryLedger(database.dataSource());
    }

    @Override
    public AttachmentTextRepository attachmentTextRepository() {
        return new JdbcAttachmentTextRepository(database.dataSource());
    }

    @Override
    public DomainRepository domainRepository() {
        return new JdbcDomainRepository(database.dataSource());
    }
}
