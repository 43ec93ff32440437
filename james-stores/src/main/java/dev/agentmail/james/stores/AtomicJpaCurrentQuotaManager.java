package dev.agentmail.james.stores;

import com.google.common.cache.Cache;
import com.google.common.util.concurrent.Striped;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.jpa.quota.JpaCurrentQuotaManager;
import org.apache.james.mailbox.jpa.quota.model.JpaCurrentQuota;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import reactor.core.publisher.Mono;

import javax.inject.Inject;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.PersistenceException;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * James's JPA current quotas, each change one UPDATE that adds to the row. James's own reads the row and merges a new
 * one, so of two deliveries to one user at the same time one goes uncounted, and a failed change is only logged.
 * <p>
 * Each root's usage is also kept in memory from its first read: every message read it twice (the check before the
 * append, and the listener's event after the change), each a query in an entity manager of its own, 2.8 % of the
 * embedded server's CPU under ingest. A change through this manager is applied to the kept value once its UPDATE has
 * committed, under the root's lock, which a load holds too; so what is kept is the row, as long as only this server
 * writes it. A change made on another server sharing the database shows when the kept value expires,
 * {@link JpaLookupCache#EXPIRY} after it was read.
 */
public class AtomicJpaCurrentQuotaManager extends JpaCurrentQuotaManager {
    private static final String ADD = "UPDATE JAMES_QUOTA_CURRENTQUOTA SET"
        + " CURRENTQUOTA_MESSAGECOUNT = CURRENTQUOTA_MESSAGECOUNT + ?,"
        + " CURRENTQUOTA_SIZE = CURRENTQUOTA_SIZE + ? WHERE CURRENTQUOTA_QUOTAROOT = ?";
    private static final String SET = "UPDATE JAMES_QUOTA_CURRENTQUOTA SET"
        + " CURRENTQUOTA_MESSAGECOUNT = ?, CURRENTQUOTA_SIZE = ? WHERE CURRENTQUOTA_QUOTAROOT = ?";

    private final EntityManagerFactory entityManagers;
    /**
     * By the row's key, not the QuotaRoot, which also holds a domain. A holder changed in place, not put again: a put
     * would restart the expiry, and a root that keeps receiving would never read its row again.
     */
    private final Cache<String, Kept> kept = JpaLookupCache.create(100_000);
    private final Striped<Lock> locks = Striped.lock(64);

    @Inject
    public AtomicJpaCurrentQuotaManager(EntityManagerFactory entityManagers) {
        super(entityManagers);
        this.entityManagers = entityManagers;
    }

    @Override
    public Mono<CurrentQuotas> getCurrentQuotas(QuotaRoot quotaRoot) {
        return Mono.fromCallable(() -> current(quotaRoot.getValue()));
    }

    @Override
    public Mono<QuotaCountUsage> getCurrentMessageCount(QuotaRoot quotaRoot) {
        return getCurrentQuotas(quotaRoot).map(CurrentQuotas::count);
    }

    @Override
    public Mono<QuotaSizeUsage> getCurrentStorage(QuotaRoot quotaRoot) {
        return getCurrentQuotas(quotaRoot).map(CurrentQuotas::size);
    }

    @Override
    public Mono<Void> increase(QuotaOperation operation) {
        return change(operation, 1);
    }

    @Override
    public Mono<Void> decrease(QuotaOperation operation) {
        return change(operation, -1);
    }

    @Override
    public Mono<Void> setCurrentQuotas(QuotaOperation operation) {
        String root = operation.quotaRoot().getValue();
        CurrentQuotas quotas = CurrentQuotas.from(operation);
        return Mono.fromRunnable(() -> underLock(root, () -> {
            write(SET, root, quotas.count().asLong(), quotas.size().asLong());
            kept.put(root, new Kept(quotas));
        }));
    }

    private Mono<Void> change(QuotaOperation operation, int sign) {
        String root = operation.quotaRoot().getValue();
        long count = sign * operation.count().asLong();
        long size = sign * operation.size().asLong();
        return Mono.fromRunnable(() -> underLock(root, () -> {
            write(ADD, root, count, size);
            Kept held = kept.getIfPresent(root);
            if (held != null) {
                held.value = new CurrentQuotas(QuotaCountUsage.count(held.value.count().asLong() + count),
                    QuotaSizeUsage.size(held.value.size().asLong() + size));
            }
        }));
    }

    private CurrentQuotas current(String root) {
        Kept held = kept.getIfPresent(root);
        if (held != null) {
            return held.value;
        }
        Lock lock = locks.get(root);
        lock.lock();
        try {
            held = kept.getIfPresent(root);
            if (held == null) {
                held = new Kept(read(root));
                kept.put(root, held);
            }
            return held.value;
        } finally {
            lock.unlock();
        }
    }

    /** A change, and what it does to the kept value, with no load or other change of the root in between. */
    private void underLock(String root, Runnable change) {
        Lock lock = locks.get(root);
        lock.lock();
        try {
            change.run();
        } catch (RuntimeException e) {
            // The row may or may not have changed (a commit that failed late): read it again next time.
            kept.invalidate(root);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private CurrentQuotas read(String root) {
        EntityManager entities = entityManagers.createEntityManager();
        try {
            JpaCurrentQuota row = entities.find(JpaCurrentQuota.class, root);
            return row == null ? CurrentQuotas.emptyQuotas() : new CurrentQuotas(row.getMessageCount(), row.getSize());
        } finally {
            entities.close();
        }
    }

    private void write(String update, String root, long count, long size) {
        if (updated(update, root, count, size)) {
            return;
        }
        try {
            inTransaction(entities -> {
                entities.persist(new JpaCurrentQuota(root, count, size));
                return null;
            });
        } catch (PersistenceException raced) {
            // The user's first change meets another server's insert: the row is there now.
            if (!updated(update, root, count, size)) {
                throw raced;
            }
        }
    }

    private boolean updated(String update, String root, long count, long size) {
        // SQL, not JPQL: OpenJPA ran the same update in JPQL by loading and writing back the row, and lost changes.
        return inTransaction(entities -> entities.createNativeQuery(update)
            .setParameter(1, count)
            .setParameter(2, size)
            .setParameter(3, root)
            .executeUpdate()) > 0;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager entities = entityManagers.createEntityManager();
        EntityTransaction transaction = entities.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(entities);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            entities.close();
        }
    }

    /** A root's usage as its row holds it; replaced only under the root's lock, read without it. */
    private static final class Kept {
        volatile CurrentQuotas value;

        Kept(CurrentQuotas value) {
            this.value = value;
        }
    }
}
