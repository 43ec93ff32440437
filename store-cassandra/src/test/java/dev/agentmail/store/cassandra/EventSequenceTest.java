package dev.agentmail.store.cassandra;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventSequenceTest {
    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        long millis = 1_800_000_000_000L;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void numbersGrowWithinAMillisecondBeyondTheCounterAndWhenTheClockGoesBack() {
        HandClock clock = new HandClock();
        EventSequence sequence = new EventSequence(clock);
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < 3_000; i++) {
            if (i == 2_000) {
                clock.millis -= 10_000;
            }
            long next = sequence.next();
            assertThat(next).isGreaterThan(previous);
            assertThat(seen.add(next)).isTrue();
            previous = next;
        }
    }

    @Test
    void numbersFollowTheClockAndTheLastIsNeverBehindIt() {
        HandClock clock = new HandClock();
        EventSequence one = new EventSequence(clock);
        EventSequence other = new EventSequence(clock);
        long early = one.next();
        clock.millis += 1;

        assertThat(other.next()).isGreaterThan(early);
        assertThat(one.last()).isGreaterThanOrEqualTo(early);
        clock.millis += 1;
        long last = one.last();
        assertThat(other.next()).isGreaterThan(last);
    }
}
