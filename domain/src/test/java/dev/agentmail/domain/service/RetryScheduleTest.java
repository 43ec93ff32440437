package dev.agentmail.domain.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {
    @Test
    void readsDelaysInEveryUnit() {
        assertThat(RetrySchedule.parse(" 500ms, 5s,2m ,3h,1d").delays()).containsExactly(Duration.ofMillis(500),
            Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofHours(3), Duration.ofDays(1));
    }

    @Test
    void theDefaultSpansMoreThanADay() {
        Duration total = RetrySchedule.parse(RetrySchedule.DEFAULT).delays().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isGreaterThan(Duration.ofDays(1));
    }

    @Test
    void eachRetryWaitsItsDelayGiveOrTakeAFifthThenTheScheduleEnds() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(10), Duration.ofSeconds(100)));
        for (int i = 0; i < 200; i++) {
            assertThat(schedule.delayAfter(1).orElseThrow()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
            assertThat(schedule.delayAfter(2).orElseThrow()).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(120));
        }
        assertThat(schedule.delayAfter(3)).isEmpty();
        assertThat(schedule.delayAfter(0)).isEmpty();
    }

    @Test
    void refusesWhatIsNotADelay() {
        assertThatThrownBy(() -> RetrySchedule.parse("5s,soon")).hasMessageContaining("soon");
        assertThatThrownBy(() -> RetrySchedule.parse("5w")).hasMessageContaining("5w");
    }
}
