package dev.agentmail.james.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaDAO;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaManager;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/** Against James's JPA quota tables on a Derby database in memory, through the persistence unit the server uses. */
class CachingJpaMaxQuotaManagerTest {
    private static final Domain DOMAIN = Domain.of("ours.example");
    private static final QuotaRoot AGENT = QuotaRoot.quotaRoot("#private&agent@ours.example", Optional.of(DOMAIN));

    private EntityManagerFactory entityManagers;
    private CachingJpaMaxQuotaManager limits;
    /** James's manager on the same database, without the cache: another server sharing it. */
    private JPAPerUserMaxQuotaManager elsewhere;

    @BeforeEach
    void setUp() {
        entityManagers = InMemoryJamesDatabase.entityManagers("quota");
        limits = new CachingJpaMaxQuotaManager(entityManagers);
        elsewhere = new JPAPerUserMaxQuotaManager(entityManagers, new JPAPerUserMaxQuotaDAO(entityManagers));
    }

    @AfterEach
    void tearDown() {
        entityManagers.close();
    }

    @Test
    void aLimitOfAnyScopeSetOrRemovedThroughItIsSeenAtOnce() throws Exception {
        assertThat(limits.getMaxMessage(AGENT)).isEmpty();

        limits.setGlobalMaxMessage(QuotaCountLimit.count(1000));
        assertThat(limits.getMaxMessage(AGENT)).contains(QuotaCountLimit.count(1000));

        limits.setDomainMaxMessage(DOMAIN, QuotaCountLimit.count(100));
        assertThat(limits.listMaxMessagesDetails(AGENT)).containsEntry(Quota.Scope.Domain, QuotaCountLimit.count(100));

        Mono.from(limits.setMaxStorageReactive(AGENT, QuotaSizeLimit.size(4096))).block();
        assertThat(Mono.from(limits.quotaDetailsReactive(AGENT)).block().getMaxStorageDetails())
            .isEqualTo(Map.of(Quota.Scope.User, QuotaSizeLimit.size(4096)));

        limits.removeDomainMaxMessage(DOMAIN);
        limits.removeMaxStorage(AGENT);
        assertThat(limits.quotaDetails(AGENT).getMaxMessageDetails())
            .isEqualTo(Map.of(Quota.Scope.Global, QuotaCountLimit.count(1000)));
        assertThat(limits.getMaxStorage(AGENT)).isEmpty();
    }

    @Test
    void repeatedLookupsAreAnsweredWithoutAskingTheDatabase() throws Exception {
        assertThat(limits.getMaxMessage(AGENT)).isEmpty();

        elsewhere.setMaxMessage(AGENT, QuotaCountLimit.count(10));

        assertThat(Mono.from(limits.quotaDetailsReactive(AGENT)).block().getMaxMessageDetails()).isEmpty();
        assertThat(elsewhere.getMaxMessage(AGENT)).contains(QuotaCountLimit.count(10));
    }
}
