package dev.agentmail.james.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
        return new QuotaOperation(ROOT, QuotaCountUsage.count(count), QuotaSizeUsage.size(size));
    }

    private CurrentQuotas current() {
        return quotas.getCurrentQuotas(ROOT).block();
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
}
