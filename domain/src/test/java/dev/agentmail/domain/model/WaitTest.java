package dev.agentmail.domain.model;

import dev.agentmail.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitTest {
    @Test
    void fromNoneUpToTwoMinutes() {
        assertThat(Wait.ofSeconds(0)).isEqualTo(Wait.NONE);
        assertThat(Wait.ofSeconds(120).duration()).isEqualTo(Duration.ofMinutes(2));
        for (long refused : new long[] {-1, 121, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> Wait.ofSeconds(refused)).as("%d s", refused)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("wait"))
                .hasMessage("wait must be between 0 and 120 seconds");
        }
    }
}
