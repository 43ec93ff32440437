package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.IdempotencyRecords;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.ListEntryRepository;
import dev.agentmail.domain.store.SendCounters;
import dev.agentmail.domain.store.SendLimitOverrides;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.domain.store.OrganizationRepository;
import dev.agentmail.domain.store.SecretsAtRest;
import dev.agentmail.domain.store.WebhookRepository;
import dev.agentmail.domain.store.DraftRepository;
import dev.agentmail.store.jdbc.CachingInboxRepository;
import dev.agentmail.store.jdbc.CachingListEntryRepository;
import dev.agentmail.store.jdbc.CachingWebhookRepository;
import dev.agentmail.store.jdbc.JdbcApiKeyRepository;
import dev.agentmail.store.jdbc.JdbcAttachmentTextRepository;
import dev.agentmail.store.jdbc.JdbcDatabase;
import dev.agentmail.store.jdbc.JdbcDeliveryLedger;
import dev.agentmail.store.jdbc.JdbcDomainRepository;
import dev.agentmail.store.jdbc.JdbcSendCounters;
import dev.agentmail.store.jdbc.JdbcSendLimitOverrides;
import dev.agentmail.store.jdbc.JdbcEventOutbox;
import dev.agentmail.store.jdbc.JdbcIdempotencyRecords;
import dev.agentmail.store.jdbc.JdbcMessageRepository;
import dev.agentmail.store.jdbc.JdbcOrganizationRepository;
import dev.agentmail.store.jdbc.JdbcSecretsAtRest;
import dev.agentmail.store.jdbc.JdbcDraftRepository;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Optional;

/** Our data in a relational database: beside James's JPA stores on Derby files or PostgreSQL, or in memory on H2. */
final class JdbcStorage implements DataStorage {
    private final JdbcDatabase database;
    private final Path dataDir;

    private JdbcStorage(JdbcDatabase database, Path dataDir) {
        this.database = database;
        this.dataDir = dataDir;
    }

    static JdbcStorage open(String url, Optional<String> user, Optional<String> password, Path dataDir) {
        // Derby writes its own log file, by default into whatever directory the server was started from.
        System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());
        // Embedded Derby otherwise creates its files with the process's umask, readable by everyone (0644).
        System.setProperty("derby.storage.useDefaultFilePermissions", "false");
        return new JdbcStorage(new JdbcDatabase(url, user, password), dataDir);
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public Module repositories() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(DataSource.class).toInstance(database.dataSource());
                bind(OrganizationRepository.class).to(JdbcOrganizationRepository.class).in(Scopes.SINGLETON);
                bind(ApiKeyRepository.class).to(JdbcApiKeyRepository.class).in(Scopes.SINGLETON);
                bind(InboxRepository.class).to(CachingInboxRepository.class).in(Scopes.SINGLETON);
                bind(DeliveryLedger.class).to(JdbcDeliveryLedger.class).in(Scopes.SINGLETON);
                bind(IdempotencyRecords.class).to(JdbcIdempotencyRecords.class).in(Scopes.SINGLETON);
                bind(MessageRepository.class).to(JdbcMessageRepository.class).in(Scopes.SINGLETON);
                bind(WebhookRepository.class).to(CachingWebhookRepository.class).in(Scopes.SINGLETON);
                bind(DraftRepository.class).to(JdbcDraftRepository.class).in(Scopes.SINGLETON);
                bind(EventOutbox.class).to(JdbcEventOutbox.class).in(Scopes.SINGLETON);
                bind(DomainRepository.class).to(JdbcDomainRepository.class).in(Scopes.SINGLETON);
                bind(ListEntryRepository.class).to(CachingListEntryRepository.class).in(Scopes.SINGLETON);
                bind(SendCounters.class).to(JdbcSendCounters.class).in(Scopes.SINGLETON);
                bind(SendLimitOverrides.class).to(JdbcSendLimitOverrides.class).in(Scopes.SINGLETON);
                bind(AttachmentTextRepository.class).to(JdbcAttachmentTextRepository.class).in(Scopes.SINGLETON);
            }
        };
    }

    @Override
    public SecretsAtRest secretsAtRest(SecretSealer sealer) {
        return new JdbcSecretsAtRest(database.dataSource(), sealer);
    }

    /** One node per database: the key is a file in the data dir. */
    @Override
    public byte[] linkSigningKey() throws Exception {
        return SigningKeyFile.loadOrCreate(dataDir);
    }

    /** One node per database: nothing else to wait for. */
    @Override
    public void runAlone(String name, Work work) throws Exception {
        work.run();
    }

    @Override
    public void close() {
        database.close();
    }
}
