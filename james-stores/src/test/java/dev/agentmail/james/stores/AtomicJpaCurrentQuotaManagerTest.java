package dev.agentmail.james.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against James's JPA quota table on a Derby database in memory, through the persistence unit the server uses. */
class AtomicJpaCurrentQuotaManagerTest {
    private static final QuotaRoot ROOT = QuotaRoot.quotaRoot("#private&agent@ours.example", Optional.empty());

    private EntityManagerFactory entityManagers;
    private AtomicJpaCurrentQuotaManager quotas;

    @BeforeEach
    void setUp() {
        entityManagers = InMemoryJamesDatabase.entityManagers("quota");
        quotas = new AtomicJpaCurrentQuotaManager(entityManagers);
    }

    @AfterEach
    void tearDown() {
        entityManagers.close();
    }

    private static QuotaOperation messages(long count, long size) {
        return messages(ROOT, count, size);
    }

    private static QuotaOperation messages(QuotaRoot root, long count, long size) {
        return new QuotaOperation(root, QuotaCountUsage.count(count), QuotaSizeUsage.size(size));
    }

    private CurrentQuotas current() {
        return quotas.getCurrentQuotas(ROOT).block();
    }

    private CurrentQuotas row() {
        return row(ROOT);
    }

    /** The row itself, past the manager. */
    private CurrentQuotas row(QuotaRoot root) {
        EntityManager entities = entityManagers.createEntityManager();
        try {
            List<?> rows = entities.createNativeQuery("SELECT CURRENTQUOTA_MESSAGECOUNT, CURRENTQUOTA_SIZE"
                    + " FROM JAMES_QUOTA_CURRENTQUOTA WHERE CURRENTQUOTA_QUOTAROOT = ?")
                .setParameter(1, root.getValue())
                .getResultList();
            if (rows.isEmpty()) {
                return CurrentQuotas.emptyQuotas();
            }
            Object[] row = (Object[]) rows.get(0);
            return new CurrentQuotas(QuotaCountUsage.count(((Number) row[0]).longValue()),
                QuotaSizeUsage.size(((Number) row[1]).longValue()));
        } finally {
            entities.close();
        }
    }

    /** Another server's change: straight to the row, past the manager. */
    private void changeUnderneath(long count, long size) {
        EntityManager entities = entityManagers.createEntityManager();
        try {
            entities.getTransaction().begin();
            entities.createNativeQuery("UPDATE JAMES_QUOTA_CURRENTQUOTA SET CURRENTQUOTA_MESSAGECOUNT = ?,"
                    + " CURRENTQUOTA_SIZE = ? WHERE CURRENTQUOTA_QUOTAROOT = ?")
                .setParameter(1, count)
                .setParameter(2, size)
                .setParameter(3, ROOT.getValue())
                .executeUpdate();
            entities.getTransaction().commit();
        } finally {
            entities.close();
        }
    }

    private static CurrentQuotas usage(long count, long size) {
        return new CurrentQuotas(QuotaCountUsage.count(count), QuotaSizeUsage.size(size));
    }

    @Test
    void changesAddUpFromTheFirstOne() {
        assertThat(current()).isEqualTo(CurrentQuotas.emptyQuotas());

        quotas.increase(messages(2, 300)).block();
        quotas.increase(messages(1, 100)).block();
        quotas.decrease(messages(1, 50)).block();

        assertThat(current()).isEqualTo(new CurrentQuotas(QuotaCountUsage.count(2), QuotaSizeUsage.size(350)));
    }

    @Test
    void concurrentDeliveriesAreAllCounted() throws Exception {
        int writers = 4;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        quotas.increase(messages(1, 10)).block();
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(current()).isEqualTo(new CurrentQuotas(QuotaCountUsage.count(writers * each),
            QuotaSizeUsage.size(writers * each * 10L)));
    }

    @Test
    void whatIsReadAfterEachChangeIsTheRow() {
        assertThat(current()).isEqualTo(row());

        quotas.increase(messages(2, 300)).block();
        assertThat(current()).isEqualTo(row()).isEqualTo(usage(2, 300));
        quotas.decrease(messages(1, 100)).block();
        assertThat(current()).isEqualTo(row()).isEqualTo(usage(1, 200));
        quotas.increase(messages(4, 40)).block();
        assertThat(current()).isEqualTo(row()).isEqualTo(usage(5, 240));
        assertThat(quotas.getCurrentMessageCount(ROOT).block()).isEqualTo(QuotaCountUsage.count(5));
        assertThat(quotas.getCurrentStorage(ROOT).block()).isEqualTo(QuotaSizeUsage.size(240));
    }

    @Test
    void concurrentChangesAndReadsTotalExactly() throws Exception {
        int writers = 4;
        List<QuotaRoot> roots = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            roots.add(QuotaRoot.quotaRoot("#private&agent" + i + "@ours.example", Optional.empty()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                // Each root's first read races the others' changes to it.
                done.add(pool.submit(() -> {
                    for (QuotaRoot root : roots) {
                        quotas.increase(messages(root, 2, 20)).block();
                        quotas.getCurrentQuotas(root).block();
                        quotas.decrease(messages(root, 1, 10)).block();
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (QuotaRoot root : roots) {
            assertThat(quotas.getCurrentQuotas(root).block()).as(root.getValue())
                .isEqualTo(row(root))
                .isEqualTo(usage(writers, writers * 10L));
        }
    }

    @Test
    void aReadAfterTheFirstIsAnsweredWithoutAskingTheDatabase() {
        quotas.increase(messages(2, 300)).block();
        assertThat(current()).isEqualTo(usage(2, 300));

        changeUnderneath(50, 5000);

        assertThat(current()).isEqualTo(usage(2, 300));
        assertThat(quotas.getCurrentMessageCount(ROOT).block()).isEqualTo(QuotaCountUsage.count(2));
        // A change through the manager applies to what it keeps; the other server's stays unseen until it expires.
        quotas.increase(messages(1, 100)).block();
        assertThat(current()).isEqualTo(usage(3, 400));
        assertThat(row()).isEqualTo(usage(51, 5100));
    }

    @Test
    void usageSetThroughItIsSeenAtOnce() {
        assertThat(current()).isEqualTo(CurrentQuotas.emptyQuotas());

        quotas.setCurrentQuotas(messages(7, 700)).block();
        assertThat(current()).isEqualTo(row()).isEqualTo(usage(7, 700));

        quotas.increase(messages(1, 10)).block();
        changeUnderneath(50, 5000);
        quotas.setCurrentQuotas(messages(3, 30)).block();
        assertThat(current()).isEqualTo(row()).isEqualTo(usage(3, 30));
    }
}
