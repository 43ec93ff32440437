package dev.agentmail.store.cassandra;

import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.ApiKeyRepositoryContract;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepositoryContract;
import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.domain.store.DeliveryLedgerContract;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.DomainRepositoryContract;
import dev.agentmail.domain.store.DraftRepository;
import dev.agentmail.domain.store.DraftRepositoryContract;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.EventOutboxContract;
import dev.agentmail.domain.store.IdempotencyRecords;
import dev.agentmail.domain.store.IdempotencyRecordsContract;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.InboxRepositoryContract;
import dev.agentmail.domain.store.ListEntryRepository;
import dev.agentmail.domain.store.ListEntryRepositoryContract;
import dev.agentmail.domain.store.OrganizationRepository;
import dev.agentmail.domain.store.OrganizationRepositoryContract;
import dev.agentmail.domain.store.SecretsAtRest;
import dev.agentmail.domain.store.SecretsAtRestContract;
import dev.agentmail.domain.store.SendCounters;
import dev.agentmail.domain.store.SendCountersContract;
import dev.agentmail.domain.store.SendLimitOverrides;
import dev.agentmail.domain.store.SendLimitOverridesContract;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.secrets.AesGcmSecretSealer;
import dev.agentmail.domain.store.WebhookRepository;
import dev.agentmail.domain.store.WebhookRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.security.SecureRandom;

/**
 * Runs the storage contracts on the Cassandra repositories, on the node `./agentmail test` starts. One keyspace for
 * the class, emptied before each test. The messages are not here: CassandraMessageStore answers for them only with
 * the OpenSearch index, whose module (store-opensearch) runs the message contract on both.
 */
class CassandraRepositoriesContractTest
    implements OrganizationRepositoryContract, ApiKeyRepositoryContract, InboxRepositoryContract, DeliveryLedgerContract,
    WebhookRepositoryContract, EventOutboxContract, DomainRepositoryContract, ListEntryRepositoryContract, SecretsAtRestContract, DraftRepositoryContract, IdempotencyRecordsContract, AttachmentTextRepositoryContract,
    SendCountersContract, SendLimitOverridesContract {
    private static CassandraStore store;
    private final SecretSealer sealer = new AesGcmSecretSealer(randomKey());

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
        return new CassandraWebhookRepository(store, sealer);
    }

    @Override
    public EventOutbox eventOutbox() {
        return new CassandraEventOutbox(store, sealer);
    }

    @Override
    public AttachmentTextRepository attachmentTextRepository() {
        return new CassandraAttachmentTextRepository(store);
    }

    @Override
    public DomainRepository domainRepository() {
        return new CassandraDomainRepository(store, sealer);
    }

    @Override
    public SecretsAtRest secretsAtRest() {
        return new CassandraSecretsAtRest(store, sealer);
    }

    @Override
    public SecretsAtRest secretsAtRestWithAnotherKey() {
        return new CassandraSecretsAtRest(store, new AesGcmSecretSealer(randomKey()));
    }

    @Override
    public String storedWebhookSecret(String webhookId) {
        return store.cql().one(row -> row.getString(0), "SELECT secret FROM webhooks WHERE id = ?", webhookId).orElse(null);
    }

    @Override
    public String storedDkimPrivateKey(String domain) {
        return store.cql().one(row -> row.getString(0), "SELECT dkim_private_key FROM domains WHERE name = ?", domain)
            .orElse(null);
    }

    /** Lightweight transactions, as the repositories write these rows. */
    @Override
    public void storeWebhookSecret(String webhookId, String value) {
        store.cql().applied("UPDATE webhooks SET secret = ? WHERE id = ? IF EXISTS", value, webhookId);
    }

    @Override
    public void storeDkimPrivateKey(String domain, String value) {
        store.cql().applied("UPDATE domains SET dkim_private_key = ? WHERE name = ? IF EXISTS", value, domain);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public SendCounters sendCounters() {
        return new CassandraSendCounters(store);
    }

    @Override
    public SendLimitOverrides sendLimitOverrides() {
        return new CassandraSendLimitOverrides(store);
    }

    @Override
    public ListEntryRepository listEntryRepository() {
        return new CassandraListEntryRepository(store);
    }

    @Override
    public DraftRepository draftRepository() {
        return new CassandraDraftRepository(store);
    }

    @Override
    public IdempotencyRecords idempotencyRecords() {
        return new CassandraIdempotencyRecords(store);
    }
}
