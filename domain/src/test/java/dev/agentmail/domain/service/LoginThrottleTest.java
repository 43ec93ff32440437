package dev.agentmail.domain.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
        new LoginThrottle.Settings(3, Duration.ofMinutes(5), Duration.ofMinutes(10)), clock);

    @Test
    void locksAnAddressOutAfterTooManyFailuresWithinTheWindow() {
        throttle.failed("192.0.2.1");
        throttle.failed("192.0.2.1");
        assertThat(throttle.lockedOut("192.0.2.1")).isEmpty();

        throttle.failed("192.0.2.1");
        assertThat(throttle.lockedOut("192.0.2.1")).contains(Duration.ofMinutes(10));
        assertThat(throttle.lockedOut("192.0.2.2")).isEmpty();

        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.lockedOut("192.0.2.1")).contains(Duration.ofMinutes(6));
        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.lockedOut("192.0.2.1")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowStartOver() {
        throttle.failed("192.0.2.1");
        throttle.failed("192.0.2.1");
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("192.0.2.1");
        throttle.failed("192.0.2.1");
        assertThat(throttle.lockedOut("192.0.2.1")).isEmpty();
    }

    @Test
    void afterALockOutTheCountStartsOver() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("192.0.2.1");
        }
        clock.advance(Duration.ofMinutes(10));
        throttle.failed("192.0.2.1");
        assertThat(throttle.lockedOut("192.0.2.1")).isEmpty();
    }
}
