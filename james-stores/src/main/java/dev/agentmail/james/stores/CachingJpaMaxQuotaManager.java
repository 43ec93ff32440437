package dev.agentmail.james.stores;

import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaDAO;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaManager;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;
import org.reactivestreams.Publisher;

import com.google.common.cache.Cache;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James's JPA quota limits, remembering each quota root's limits for a while. Every append checks the
 * recipient's limits, and on JPA that was six queries in an entity manager of their own (about 3.5 % of the embedded
 * server's CPU under ingest). A limit set or removed through this server is seen at once, whatever its scope: every
 * write goes through the DAO, which clears the cache. A change made on another server sharing the database shows
 * within {@link JpaLookupCache#EXPIRY}.
 */
public class CachingJpaMaxQuotaManager extends JPAPerUserMaxQuotaManager {
    private final Cache<QuotaRoot, QuotaDetails> limits;

    @Inject
    public CachingJpaMaxQuotaManager(EntityManagerFactory entityManagerFactory) {
        this(entityManagerFactory, JpaLookupCache.create(100_000));
    }

    private CachingJpaMaxQuotaManager(EntityManagerFactory entityManagerFactory, Cache<QuotaRoot, QuotaDetails> limits) {
        super(entityManagerFactory, new ForgettingDao(entityManagerFactory, limits));
        this.limits = limits;
    }

    @Override
    public QuotaDetails quotaDetails(QuotaRoot quotaRoot) {
        QuotaDetails cached = limits.getIfPresent(quotaRoot);
        if (cached != null) {
            return cached;
        }
        QuotaDetails stored = new QuotaDetails(super.listMaxMessagesDetails(quotaRoot), super.listMaxStorageDetails(quotaRoot));
        limits.put(quotaRoot, stored);
        return stored;
    }

    @Override
    public Publisher<QuotaDetails> quotaDetailsReactive(QuotaRoot quotaRoot) {
        QuotaDetails cached = limits.getIfPresent(quotaRoot);
        if (cached != null) {
            return Mono.just(cached);
        }
        return Mono.fromCallable(() -> quotaDetails(quotaRoot)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Map<Quota.Scope, QuotaCountLimit> listMaxMessagesDetails(QuotaRoot quotaRoot) {
        return quotaDetails(quotaRoot).getMaxMessageDetails();
    }

    @Override
    public Map<Quota.Scope, QuotaSizeLimit> listMaxStorageDetails(QuotaRoot quotaRoot) {
        return quotaDetails(quotaRoot).getMaxStorageDetails();
    }

    /** James's writes, each followed by forgetting every cached root: a domain or global limit applies to many. */
    private static final class ForgettingDao extends JPAPerUserMaxQuotaDAO {
        private final Cache<QuotaRoot, QuotaDetails> limits;

        ForgettingDao(EntityManagerFactory entityManagerFactory, Cache<QuotaRoot, QuotaDetails> limits) {
            super(entityManagerFactory);
            this.limits = limits;
        }

        @Override
        public void setMaxStorage(QuotaRoot quotaRoot, Optional<QuotaSizeLimit> maxStorageQuota) {
            super.setMaxStorage(quotaRoot, maxStorageQuota);
            limits.invalidateAll();
        }

        @Override
        public void setMaxMessage(QuotaRoot quotaRoot, Optional<QuotaCountLimit> maxMessageCount) {
            super.setMaxMessage(quotaRoot, maxMessageCount);
            limits.invalidateAll();
        }

        @Override
        public void setDomainMaxMessage(Domain domain, Optional<QuotaCountLimit> count) {
            super.setDomainMaxMessage(domain, count);
            limits.invalidateAll();
        }

        @Override
        public void setDomainMaxStorage(Domain domain, Optional<QuotaSizeLimit> size) {
            super.setDomainMaxStorage(domain, size);
            limits.invalidateAll();
        }

        @Override
        public void setGlobalMaxStorage(Optional<QuotaSizeLimit> globalMaxStorage) {
            super.setGlobalMaxStorage(globalMaxStorage);
            limits.invalidateAll();
        }

        @Override
        public void setGlobalMaxMessage(Optional<QuotaCountLimit> globalMaxMessageCount) {
            super.setGlobalMaxMessage(globalMaxMessageCount);
            limits.invalidateAll();
        }
    }
}
