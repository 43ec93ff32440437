package dev.agentmail.domain.store;

import dev.agentmail.domain.model.SendWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** What every SendCounters backend must do; subjects are new in each test, so a shared store does too. */
public interface SendCountersContract {
    SendCounters sendCounters();

    private static SendWindow window(String subject, String start) {
        return new SendWindow(subject, Instant.parse(start));
    }

    private static String subject() {
        return "inbox:inb_" + UUID.randomUUID() + ":inbox_per_hour";
    }

    @Test
    default void aWindowNothingWasCountedInCountsZero() {
        SendWindow window = window(subject(), "2026-01-05T10:00:00Z");

        assertThat(sendCounters().counts(List.of(window))).isEqualTo(Map.of(window, 0L));
    }

    @Test
    default void amountsAddUpPerSubjectAndWindow() {
        String subject = subject();
        SendWindow ten = window(subject, "2026-01-05T10:00:00Z");
        SendWindow eleven = window(subject, "2026-01-05T11:00:00Z");
        SendWindow other = window(subject(), "2026-01-05T10:00:00Z");

        sendCounters().add(Map.of(ten, 3L, other, 1L));
        sendCounters().add(Map.of(ten, 2L, eleven, 7L));

        assertThat(sendCounters().counts(List.of(ten, eleven, other)))
            .isEqualTo(Map.of(ten, 5L, eleven, 7L, other, 1L));
    }

    @Test
    default void concurrentAddsAreNeverLost() throws Exception {
        SendWindow window = window(subject(), "2026-01-05T10:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> adds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                adds.add(CompletableFuture.runAsync(() -> sendCounters().add(Map.of(window, 2L)), pool));
            }
            CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }

        assertThat(sendCounters().counts(List.of(window)).get(window)).isEqualTo(80L);
    }

    @Test
    default void forgettingDropsOnlyWindowsThatStartedBefore() {
        String subject = subject();
        SendWindow old = window(subject, "2001-01-01T00:00:00Z");
        SendWindow cutoff = window(subject, "2001-01-03T00:00:00Z");
        SendWindow recent = window(subject, "2001-01-04T00:00:00Z");
        sendCounters().add(Map.of(old, 1L, cutoff, 2L, recent, 3L));

        sendCounters().forgetBefore(Instant.parse("2001-01-03T00:00:00Z"));

        assertThat(sendCounters().counts(List.of(old, cutoff, recent))).isEqualTo(Map.of(old, 0L, cutoff, 2L, recent, 3L));
    }
}
