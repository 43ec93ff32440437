package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.IdempotencyConflictException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.IdempotencyRecord;
import dev.agentmail.domain.model.IdempotencyRecord.Answer;
import dev.agentmail.domain.store.InMemoryIdempotencyRecords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentRequestsTest {
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords();
    private final MutableClock clock = new MutableClock();
    private final IdempotentRequests requests = new IdempotentRequests(records, clock);
    private final AtomicInteger runs = new AtomicInteger();

    private Answer work() {
        return new Answer(200, "{\"run\":" + runs.incrementAndGet() + "}");
    }

    @Test
    void aRepeatReplaysTheFirstAnswerWithoutRunning() {
        Answer first = requests.call("org_a", "key", "fp", this::work);
        Answer second = requests.call("org_a", "key", "fp", this::work);

        assertThat(second).isEqualTo(first);
        assertThat(runs).hasValue(1);
    }

    @Test
    void neitherTheKeyNorTheAnswerIsStoredReadably() {
        requests.call("org_a", "order-42", "fp", () -> new Answer(201, "{\"secret\":\"inai_live_123\"}"));

        assertThat(records.find("org_a", "order-42")).isEmpty();
        IdempotencyRecord stored = records.find("org_a", IdempotentRequests.storedKey("order-42")).orElseThrow();
        assertThat(stored.answer().orElseThrow().status()).isEqualTo(201);
        assertThat(stored.answer().orElseThrow().body()).doesNotContain("inai_live_123").doesNotContain("secret");
        assertThat(requests.call("org_a", "order-42", "fp", this::work).body()).isEqualTo("{\"secret\":\"inai_live_123\"}");
    }

    @Test
    void anotherFingerprintIsAConflict() {
        requests.call("org_a", "key", "fp", this::work);

        assertThatThrownBy(() -> requests.call("org_a", "key", "other", this::work))
            .isInstanceOf(IdempotencyConflictException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void organizationsDoNotShareKeys() {
        requests.call("org_a", "key", "fp", this::work);
        requests.call("org_b", "key", "other", this::work);

        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailedCallStoresNothingSoARetryRuns() {
        assertThatThrownBy(() -> requests.call("org_a", "key", "fp", () -> {
            throw new IllegalStateException("relay down");
        })).isInstanceOf(IllegalStateException.class);

        requests.call("org_a", "key", "a corrected body", this::work);
        requests.call("org_a", "key", "a corrected body", this::work);
        assertThat(runs).hasValue(1);
    }

    @Test
    void afterTheRetentionTheKeyIsNew() {
        requests.call("org_a", "key", "fp", this::work);
        clock.advance(IdempotentRequests.RETENTION.plusSeconds(1));

        requests.call("org_a", "key", "another", this::work);

        assertThat(runs).hasValue(2);
        assertThat(requests.forgetExpired()).isZero();
        clock.advance(IdempotentRequests.RETENTION.plusSeconds(1));
        assertThat(requests.forgetExpired()).isOne();
    }

    @Test
    void aClaimLeftUnfinishedIsTakenOverOnceStale() {
        IdempotentRequests.Start abandoned = requests.start("org_a", "key", "fp");
        assertThat(abandoned).isInstanceOf(IdempotentRequests.Run.class);
        clock.advance(IdempotentRequests.STALE_CLAIM.plusSeconds(1));

        requests.call("org_a", "key", "fp", this::work);

        assertThat(runs).hasValue(1);
        requests.finish(((IdempotentRequests.Run) abandoned).claim(), new Answer(500, "late"));
        assertThat(requests.call("org_a", "key", "fp", this::work).body()).isEqualTo("{\"run\":1}");
    }

    @Test
    void aCallStillRunningAfterTheWaitIsReportedInProgress() {
        IdempotentRequests waitingBriefly = new IdempotentRequests(records, Clock.systemUTC(), Duration.ofMinutes(5),
            Duration.ofMillis(200));
        waitingBriefly.start("org_a", "key", "fp");

        assertThatThrownBy(() -> waitingBriefly.start("org_a", "key", "fp")).isInstanceOf(ConflictException.class)
            .hasMessageContaining("in progress");
    }

    @Test
    void concurrentRepeatsWaitForTheFirstAnswer() throws Exception {
        IdempotentRequests shared = new IdempotentRequests(records, Clock.systemUTC());
        int callers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return shared.call("org_a", "key", "fp", () -> {
                        sleep(200);
                        return work();
                    });
                }));
            }
            go.countDown();
            for (Future<Answer> answer : answers) {
                assertThat(answer.get()).isEqualTo(new Answer(200, "{\"run\":1}"));
            }
            assertThat(runs).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysAreOneTo255PrintableAsciiCharacters() {
        assertThat(IdempotentRequests.validKey("Idempotency-Key", "a".repeat(255))).hasSize(255);
        assertThat(IdempotentRequests.validKey("Idempotency-Key", "order 42/retry:~")).isEqualTo("order 42/retry:~");
        for (String bad : new String[] {"", "a".repeat(256), "tab\there", "caf\u00e9", null}) {
            assertThatThrownBy(() -> IdempotentRequests.validKey("Idempotency-Key", bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
    }

    @Test
    void fingerprintsTellPartsApart() {
        assertThat(IdempotentRequests.fingerprint("ab", "c")).isNotEqualTo(IdempotentRequests.fingerprint("a", "bc"));
        assertThat(IdempotentRequests.fingerprint("POST", "{}")).isEqualTo(IdempotentRequests.fingerprint("POST", "{}"))
            .hasSize(64);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
