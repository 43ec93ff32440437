package dev.agentmail.store.jdbc;

import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.ApiKeyRepositoryContract;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepositoryContract;
import dev.agentmail.domain.store.AttachmentTextSearchContract;
import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.EventOutboxContract;
import dev.agentmail.domain.store.IdempotencyRecords;
import dev.agentmail.domain.store.IdempotencyRecordsContract;
import dev.agentmail.domain.store.WebhookRepository;
import dev.agentmail.domain.store.WebhookRepositoryContract;
import dev.agentmail.domain.store.DeliveryLedgerContract;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.DomainRepositoryContract;
import dev.agentmail.domain.store.DraftRepository;
import dev.agentmail.domain.store.DraftRepositoryContract;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.InboxRepositoryContract;
import dev.agentmail.domain.store.ListEntryRepository;
import dev.agentmail.domain.store.ListEntryRepositoryContract;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.domain.store.MessageRepositoryContract;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every storage contract on the JDBC repositories; subclasses pick the database. One database for the class,
 * emptied before each test: migrating a new one per test cost most of the suite's time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcRepositoriesContractTest
    implements OrganizationRepositoryContract, ApiKeyRepositoryContract, InboxRepositoryContract, DeliveryLedgerContract,
    MessageRepositoryContract, WebhookRepositoryContract, EventOutboxContract, DomainRepositoryContract,
    ListEntryRepositoryContract, SecretsAtRestContract, DraftRepositoryContract,
    IdempotencyRecordsContract, AttachmentTextRepositoryContract, AttachmentTextSearchContract, SendCountersContract,
    SendLimitOverridesContract {
    private final SecretSealer sealer = new AesGcmSecretSealer(randomKey());
    private JdbcDatabase database;
    private InboxRepository inboxes;
    private ListEntryRepository lists;
    private WebhookRepository webhooks;
    private MessageRepository messages;

    abstract JdbcDatabase openDatabase() throws Exception;

    @BeforeAll
    void open() throws Exception {
        database = openDatabase();
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /**
     * Deletes every row of every table but Flyway's history, as a new database would have none. The lookups every
     * delivery asks are run through the caches the server puts in front of them, new for each test as for a new server.
     */
    @BeforeEach
    void empty() throws SQLException {
        inboxes = new CachingInboxRepository(new JdbcInboxRepository(database.dataSource()));
        lists = new CachingListEntryRepository(new JdbcListEntryRepository(database.dataSource()));
        webhooks = new CachingWebhookRepository(new JdbcWebhookRepository(database.dataSource(), sealer));
        // Listing keys kept every 4 messages and used from 8 deep, so that the contract's small inboxes read them.
        messages = new JdbcMessageRepository(database.dataSource(), new ListingAnchors(4, 8, Clock.systemUTC()));
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet table = connection.getMetaData()
                .getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (table.next()) {
                    tables.add(table.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                if (!table.equalsIgnoreCase("flyway_schema_history")) {
                    statement.executeUpdate("DELETE FROM \"" + table + "\"");
                }
            }
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
        return inboxes;
    }

    @Override
    public MessageRepository messageRepository() {
        return messages;
    }

    @Override
    public WebhookRepository webhookRepository() {
        return webhooks;
    }

    @Override
    public EventOutbox eventOutbox() {
        return new JdbcEventOutbox(database.dataSource(), sealer);
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
        return new JdbcDomainRepository(database.dataSource(), sealer);
    }

    @Override
    public SecretsAtRest secretsAtRest() {
        return new JdbcSecretsAtRest(database.dataSource(), sealer);
    }

    @Override
    public SecretsAtRest secretsAtRestWithAnotherKey() {
        return new JdbcSecretsAtRest(database.dataSource(), new AesGcmSecretSealer(randomKey()));
    }

    @Override
    public String storedWebhookSecret(String webhookId) {
        return column("SELECT secret FROM webhooks WHERE id = ?", webhookId);
    }

    @Override
    public String storedDkimPrivateKey(String domain) {
        return column("SELECT dkim_private_key FROM domains WHERE name = ?", domain);
    }

    @Override
    public void storeWebhookSecret(String webhookId, String value) {
        write("UPDATE webhooks SET secret = ? WHERE id = ?", value, webhookId);
    }

    @Override
    public void storeDkimPrivateKey(String domain, String value) {
        write("UPDATE domains SET dkim_private_key = ? WHERE name = ?", value, domain);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private String column(String query, String key) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String update, String value, String key) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setString(1, value);
            statement.setString(2, key);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SendCounters sendCounters() {
        return new JdbcSendCounters(database.dataSource());
    }

    @Override
    public SendLimitOverrides sendLimitOverrides() {
        return new JdbcSendLimitOverrides(database.dataSource());
    }

    @Override
    public ListEntryRepository listEntryRepository() {
        return lists;
    }

    @Override
    public DraftRepository draftRepository() {
        return new JdbcDraftRepository(database.dataSource());
    }

    @Override
    public IdempotencyRecords idempotencyRecords() {
        return new JdbcIdempotencyRecords(database.dataSource());
    }
}
