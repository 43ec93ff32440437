package dev.agentmail.mcp;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class McpSessionsTest {
    private final MovableClock clock = new MovableClock();
    private final McpSessions sessions = new McpSessions(clock);

    @Test
    void aSessionLivesWhileUsedAndExpiresWhenIdle() {
        McpSessions.Session session = sessions.open("org_a", "2025-11-25");
        clock.advance(McpSessions.IDLE_TIMEOUT.minusMinutes(1));
        assertThat(sessions.use(session.id(), "org_a")).contains(session);
        clock.advance(McpSessions.IDLE_TIMEOUT.minusMinutes(1));
        assertThat(sessions.use(session.id(), "org_a")).as("each use starts the idle time anew").contains(session);
        clock.advance(McpSessions.IDLE_TIMEOUT);
        assertThat(sessions.use(session.id(), "org_a")).isEmpty();
    }

    @Test
    void aSessionIsUnknownUnderAnotherOrganizationsKey() {
        McpSessions.Session session = sessions.open("org_a", "2025-06-18");
        assertThat(sessions.use(session.id(), "org_b")).isEmpty();
        assertThat(sessions.close(session.id(), "org_b")).isFalse();
        assertThat(sessions.use(session.id(), "org_a")).contains(session);
    }

    @Test
    void aClosedSessionIsGone() {
        McpSessions.Session session = sessions.open("org_a", "2025-11-25");
        assertThat(sessions.close(session.id(), "org_a")).isTrue();
        assertThat(sessions.use(session.id(), "org_a")).isEmpty();
        assertThat(sessions.close(session.id(), "org_a")).isFalse();
    }

    @Test
    void anOrganizationPastItsLimitLosesItsLeastRecentlyUsedSession() {
        McpSessions.Session oldest = sessions.open("org_a", "2025-11-25");
        clock.advance(Duration.ofSeconds(1));
        McpSessions.Session kept = sessions.open("org_a", "2025-11-25");
        for (int i = 2; i < McpSessions.MAX_PER_ORGANIZATION; i++) {
            sessions.open("org_a", "2025-11-25");
        }
        McpSessions.Session other = sessions.open("org_b", "2025-11-25");
        sessions.open("org_a", "2025-11-25");
        assertThat(sessions.use(oldest.id(), "org_a")).isEmpty();
        assertThat(sessions.use(kept.id(), "org_a")).contains(kept);
        assertThat(sessions.use(other.id(), "org_b")).contains(other);
    }

    @Test
    void idsAreLongAndRandom() {
        String first = sessions.open("org_a", "2025-11-25").id();
        String second = sessions.open("org_a", "2025-11-25").id();
        assertThat(first).hasSize(32).matches("[A-Za-z0-9_-]+").isNotEqualTo(second);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
