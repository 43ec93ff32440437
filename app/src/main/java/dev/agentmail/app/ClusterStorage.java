package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.domain.store.IdempotencyRecords;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.ListEntryRepository;
import dev.agentmail.domain.store.SendCounters;
import dev.agentmail.domain.store.SendLimitOverrides;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.domain.store.OrganizationRepository;
import dev.agentmail.domain.store.SecretsAtRest;
import dev.agentmail.domain.store.WebhookRepository;
import dev.agentmail.domain.store.DraftRepository;
import dev.agentmail.store.cassandra.CassandraApiKeyRepository;
import dev.agentmail.store.cassandra.CassandraAttachmentTextRepository;
import dev.agentmail.store.cassandra.CassandraDeliveryLedger;
import dev.agentmail.store.cassandra.CassandraIdempotencyRecords;
import dev.agentmail.store.cassandra.CassandraDomainRepository;
import dev.agentmail.store.cassandra.CassandraListEntryRepository;
import dev.agentmail.store.cassandra.CassandraSendCounters;
import dev.agentmail.store.cassandra.CassandraSendLimitOverrides;
import dev.agentmail.store.cassandra.CassandraEventOutbox;
import dev.agentmail.store.cassandra.CassandraInboxRepository;
import dev.agentmail.store.cassandra.CassandraLeases;
import dev.agentmail.store.cassandra.CassandraMessageStore;
import dev.agentmail.store.cassandra.CassandraOrganizationRepository;
import dev.agentmail.store.cassandra.CassandraSecretsAtRest;
import dev.agentmail.store.cassandra.CassandraSharedSecrets;
import dev.agentmail.store.cassandra.CassandraStore;
import dev.agentmail.store.cassandra.CassandraWebhookRepository;
import dev.agentmail.store.cassandra.CassandraDraftRepository;
import dev.agentmail.store.opensearch.DistributedAttachmentTextRepository;
import dev.agentmail.store.opensearch.DistributedMessageRepository;
import dev.agentmail.store.opensearch.OpenSearchConnection;
import dev.agentmail.store.opensearch.OpenSearchMessageIndex;

import java.time.Duration;
import java.util.UUID;

/** Our data on the cluster of the distributed profile: everything in Cassandra, messages listed and searched in OpenSearch. */
final class ClusterStorage implements DataStorage {
    private static final String LINK_SIGNING_KEY = "link-signing-key";
    /** Longer than any work run alone takes; how long the others wait should its node die holding it. */
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration LEASE_CHECK = Duration.ofMillis(500);

    private final CassandraStore cassandra;
    private final OpenSearchConnection openSearch;

    private ClusterStorage(CassandraStore cassandra, OpenSearchConnection openSearch) {
        this.cassandra = cassandra;
        this.openSearch = openSearch;
    }

    static ClusterStorage open(ClusterSettings settings) {
        CassandraStore cassandra = CassandraStore.open(settings.cassandra());
        try {
            return new ClusterStorage(cassandra, OpenSearchConnection.open(settings.openSearch()));
        } catch (RuntimeException e) {
            cassandra.close();
            throw e;
        }
    }

    @Override
    public Module repositories() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(OrganizationRepository.class).toInstance(new CassandraOrganizationRepository(cassandra));
                bind(ApiKeyRepository.class).toInstance(new CassandraApiKeyRepository(cassandra));
                bind(InboxRepository.class).toInstance(new CassandraInboxRepository(cassandra));
                bind(DeliveryLedger.class).toInstance(new CassandraDeliveryLedger(cassandra));
                bind(ListEntryRepository.class).toInstance(new CassandraListEntryRepository(cassandra));
                bind(SendCounters.class).toInstance(new CassandraSendCounters(cassandra));
                bind(SendLimitOverrides.class).toInstance(new CassandraSendLimitOverrides(cassandra));
                bind(DraftRepository.class).toInstance(new CassandraDraftRepository(cassandra));
                bind(IdempotencyRecords.class).toInstance(new CassandraIdempotencyRecords(cassandra));
                OpenSearchMessageIndex index = new OpenSearchMessageIndex(openSearch);
                bind(MessageRepository.class).toInstance(new DistributedMessageRepository(
                    new CassandraMessageStore(cassandra), index));
                bind(AttachmentTextRepository.class).toInstance(new DistributedAttachmentTextRepository(
                    new CassandraAttachmentTextRepository(cassandra), index));
            }

            @Provides
            @Singleton
            WebhookRepository webhooks(SecretSealer sealer) {
                return new CassandraWebhookRepository(cassandra, sealer);
            }

            @Provides
            @Singleton
            EventOutbox eventOutbox(SecretSealer sealer) {
                return new CassandraEventOutbox(cassandra, sealer);
            }

            @Provides
            @Singleton
            DomainRepository domains(SecretSealer sealer) {
                return new CassandraDomainRepository(cassandra, sealer);
            }
        };
    }

    @Override
    public SecretsAtRest secretsAtRest(SecretSealer sealer) {
        return new CassandraSecretsAtRest(cassandra, sealer);
    }

    @Override
    public byte[] linkSigningKey() {
        return new CassandraSharedSecrets(cassandra).getOrCreate(LINK_SIGNING_KEY, 32);
    }

    /** Waits for the lease of this name: as long as another node holds it, or until that node's lease runs out. */
    @Override
    public void runAlone(String name, Work work) throws Exception {
        CassandraLeases leases = new CassandraLeases(cassandra);
        String holder = UUID.randomUUID().toString();
        while (!leases.tryAcquire(name, holder, LEASE)) {
            Thread.sleep(LEASE_CHECK.toMillis());
        }
        try {
            work.run();
        } finally {
            leases.release(name, holder);
        }
    }

    @Override
    public void close() {
        try {
            openSearch.close();
        } finally {
            cassandra.close();
        }
    }
}
