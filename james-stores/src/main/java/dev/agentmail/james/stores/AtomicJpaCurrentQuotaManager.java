package dev.agentmail.james.stores;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.jpa.quota.JpaCurrentQuotaManager;
import org.apache.james.mailbox.jpa.quota.model.JpaCurrentQuota;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import reactor.core.publisher.Mono;

import javax.inject.Inject;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.PersistenceException;
import java.util.function.Function;

/**
 * James's JPA current quotas, each change one UPDATE that adds to the row. James's own reads the row and merges a new
 * one, so of two deliveries to one user at the same time one goes uncounted, and a failed change is only logged.
 */
public class AtomicJpaCurrentQuotaManager extends JpaCurrentQuotaManager {
    private final EntityManagerFactory entityManagers;

    @Inject
    public AtomicJpaCurrentQuotaManager(EntityManagerFactory entityManagers) {
        super(entityManagers);
        this.entityManagers = entityManagers;
    }

    @Override
    public Mono<Void> increase(QuotaOperation operation) {
        return change(operation.quotaRoot(), operation.count(), operation.size(), 1);
    }

    @Override
    public Mono<Void> decrease(QuotaOperation operation) {
        return change(operation.quotaRoot(), operation.count(), operation.size(), -1);
    }

    private Mono<Void> change(QuotaRoot root, QuotaCountUsage count, QuotaSizeUsage size, int sign) {
        return Mono.fromRunnable(() -> change(root.getValue(), sign * count.asLong(), sign * size.asLong()));
    }

    private void change(String root, long count, long size) {
        if (added(root, count, size)) {
            return;
        }
        try {
            inTransaction(entities -> {
                entities.persist(new JpaCurrentQuota(root, count, size));
                return null;
            });
        } catch (PersistenceException raced) {
            // The user's first change meets another's insert: the row is there now.
            if (!added(root, count, size)) {
                throw raced;
            }
        }
    }

    private boolean added(String root, long count, long size) {
        // SQL, not JPQL: OpenJPA ran the same update in JPQL by loading and writing back the row, and lost changes.
        return inTransaction(entities -> entities.createNativeQuery("UPDATE JAMES_QUOTA_CURRENTQUOTA SET"
                + " CURRENTQUOTA_MESSAGECOUNT = CURRENTQUOTA_MESSAGECOUNT + ?,"
                + " CURRENTQUOTA_SIZE = CURRENTQUOTA_SIZE + ? WHERE CURRENTQUOTA_QUOTAROOT = ?")
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
}
