package dev.agentmail.domain.store;

import org.junit.jupiter.api.BeforeEach;

/** The contracts hold for the in-memory doubles the service tests use, which also shows the contracts can pass. */
class InMemoryRepositoriesTest implements OrganizationRepositoryContract, ApiKeyRepositoryContract,
    InboxRepositoryContract, DomainRepositoryContract, MessageRepositoryContract, WebhookRepositoryContract,
    EventOutboxContract, DeliveryLedgerContract, ListEntryRepositoryContract, DraftRepositoryContract, IdempotencyRecordsContract, AttachmentTextRepositoryContract, AttachmentTextSearchContract,
    SendCountersContract, SendLimitOverridesContract {
    private OrganizationRepository organizations;
    private ApiKeyRepository apiKeys;
    private InboxRepository inboxes;
    private DomainRepository domains;
    private InMemoryMessageRepository messages;
    private AttachmentTextRepository attachmentTexts;
    private InMemoryWebhookRepository webhooks;
    private EventOutbox outbox;
    private DeliveryLedger ledger;
    private ListEntryRepository lists;
    private DraftRepository drafts;
    private IdempotencyRecords idempotency;
    private SendCounters sendCounters;
    private SendLimitOverrides sendLimitOverrides;

    @BeforeEach
    void setUp() {
        organizations = new InMemoryOrganizationRepository();
        apiKeys = new InMemoryApiKeyRepository();
        inboxes = new InMemoryInboxRepository();
        domains = new InMemoryDomainRepository();
        messages = new InMemoryMessageRepository();
        attachmentTexts = new InMemoryAttachmentTextRepository(messages);
        webhooks = new InMemoryWebhookRepository();
        outbox = new InMemoryEventOutbox(webhooks);
        ledger = new InMemoryDeliveryLedger();
        lists = new InMemoryListEntryRepository();
        drafts = new InMemoryDraftRepository();
        idempotency = new InMemoryIdempotencyRecords();
        sendCounters = new InMemorySendCounters();
        sendLimitOverrides = new InMemorySendLimitOverrides();
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

    @Override
    public MessageRepository messageRepository() {
        return messages;
    }

    @Override
    public AttachmentTextRepository attachmentTextRepository() {
        return attachmentTexts;
    }

    @Override
    public WebhookRepository webhookRepository() {
        return webhooks;
    }

    @Override
    public EventOutbox eventOutbox() {
        return outbox;
    }

    @Override
    public DeliveryLedger deliveryLedger() {
        return ledger;
    }

    @Override
    public ListEntryRepository listEntryRepository() {
        return lists;
    }

    @Override
    public DraftRepository draftRepository() {
        return drafts;
    }

    @Override
    public IdempotencyRecords idempotencyRecords() {
        return idempotency;
    }

    @Override
    public SendCounters sendCounters() {
        return sendCounters;
    }

    @Override
    public SendLimitOverrides sendLimitOverrides() {
        return sendLimitOverrides;
    }
}
