package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.error.RateLimitedException;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.SendLimit;
import dev.agentmail.domain.store.InMemoryOrganizationRepository;
import dev.agentmail.domain.store.InMemorySendCounters;
import dev.agentmail.domain.store.InMemorySendLimitOverrides;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendLimitsTest {
    private static final Instant START = Instant.parse("2026-03-10T10:15:20Z");
    private final MutableClock clock = new MutableClock(START);
    private final InMemorySendCounters counters = new InMemorySendCounters();
    private final InMemorySendLimitOverrides overrides = new InMemorySendLimitOverrides();
    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();
    private final SendLimits limits = new SendLimits(counters, overrides, organizations,
        SendLimitSettings.parse("inbox:3/m,5/h,0/d;org:4/m", 2), clock);
    private final Inbox one = inbox("inb_1");
    private final Inbox two = inbox("inb_2");

    private static Inbox inbox(String id) {
        return new Inbox(id, "org_1", id, "agentmail.test", Optional.empty(), Optional.empty(), START, START,
            Optional.empty());
    }

    @BeforeEach
    void organization() {
        organizations.create(new Organization("org_1", "Org", START, START));
    }

    private void send(Inbox inbox, int recipients, Optional<String> thread) {
        limits.requireSendable(inbox, recipients, thread);
        limits.record(inbox, recipients, thread);
    }

    @Test
    void anInboxSendsToItsLimitOfRecipientsPerMinuteThenWaitsForTheNextMinute() {
        send(one, 2, Optional.empty());
        send(one, 1, Optional.empty());

        assertThatThrownBy(() -> limits.requireSendable(one, 1, Optional.empty()))
            .isInstanceOfSatisfying(RateLimitedException.class, refused -> {
                assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(40));
                assertThat(refused.retryAfterSeconds()).isEqualTo(40);
            })
            .hasMessage("the inbox inb_1@agentmail.test may send to 3 recipients per minute and has sent to 3 this"
                + " minute; retry in 40 s");

        clock.advance(Duration.ofSeconds(40));
        assertThatCode(() -> send(one, 2, Optional.empty())).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.requireSendable(one, 1, Optional.empty()))
            .as("five in this hour").hasMessageContaining("5 recipients per hour and has sent to 5");
    }

    @Test
    void aMessageToMoreRecipientsThanAreLeftIsRefusedWhole() {
        send(one, 2, Optional.empty());

        assertThatThrownBy(() -> limits.requireSendable(one, 2, Optional.empty()))
            .isInstanceOf(RateLimitedException.class);
        assertThat(limits.status("org_1").organizationUsage().get(ChronoUnit.MINUTES)).isEqualTo(2);
    }

    @Test
    void theOrganizationsLimitCountsAllItsInboxes() {
        send(one, 2, Optional.empty());
        send(two, 2, Optional.empty());

        assertThatThrownBy(() -> limits.requireSendable(two, 1, Optional.empty()))
            .hasMessageStartingWith("the organization may send to 4 recipients per minute and has sent to 4");
    }

    @Test
    void theLoopBreakerStopsAnInboxSendingIntoOneThreadTooOften() {
        clock.advance(Duration.ofMinutes(1));
        send(one, 1, Optional.of("thr_a"));
        clock.advance(Duration.ofMinutes(1));
        send(one, 1, Optional.of("thr_a"));

        assertThatThrownBy(() -> limits.requireSendable(one, 1, Optional.of("thr_a")))
            .isInstanceOfSatisfying(RateLimitedException.class, refused ->
                assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(42).plusSeconds(40)))
            .hasMessageStartingWith("thread loop limit: the inbox inb_1@agentmail.test may send 2 messages per hour"
                + " into one thread and has sent 2 into thr_a this hour");
        assertThatCode(() -> limits.requireSendable(one, 1, Optional.of("thr_b"))).doesNotThrowAnyException();
        assertThatCode(() -> limits.requireSendable(two, 1, Optional.of("thr_a"))).as("another inbox's thread")
            .doesNotThrowAnyException();
        assertThatCode(() -> limits.requireSendable(one, 1, Optional.empty())).as("a new thread")
            .doesNotThrowAnyException();
    }

    @Test
    void anOperatorsOverridesReplaceTheDefaultsOfOneOrganization() {
        organizations.create(new Organization("org_2", "Other", START, START));

        SendLimits.Status status = limits.override("org_1", Map.of(SendLimit.INBOX_PER_MINUTE, 0,
            SendLimit.ORGANIZATION_PER_MINUTE, 100, SendLimit.THREAD_PER_HOUR, 1));

        assertThat(status.limits()).containsEntry(SendLimit.INBOX_PER_MINUTE, 0)
            .containsEntry(SendLimit.INBOX_PER_HOUR, 5).containsEntry(SendLimit.THREAD_PER_HOUR, 1);
        assertThat(limits.limitsOf("org_2")).containsEntry(SendLimit.INBOX_PER_MINUTE, 3);
        assertThat(limits.overridesOf("org_1")).hasSize(3);
        send(one, 5, Optional.of("thr_a"));
        assertThatThrownBy(() -> limits.requireSendable(one, 1, Optional.of("thr_a")))
            .hasMessageContaining("thread loop limit").hasMessageContaining("5 recipients per hour");

        limits.override("org_1", Map.of());
        assertThat(limits.limitsOf("org_1")).isEqualTo(limits.limitsOf("org_2"));
    }

    @Test
    void overridesAreValidatedAndOnlyForOrganizationsThatExist() {
        assertThatThrownBy(() -> limits.override("org_1", Map.of(SendLimit.INBOX_PER_DAY, -1)))
            .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> limits.override("org_nope", Map.of())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> limits.overridesOf("org_nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theStatusShowsTheOrganizationsUsageInEachWindow() {
        send(one, 2, Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        send(two, 1, Optional.empty());

        assertThat(limits.status("org_1").organizationUsage()).isEqualTo(Map.of(ChronoUnit.MINUTES, 1L,
            ChronoUnit.HOURS, 3L, ChronoUnit.DAYS, 3L));
    }

    @Test
    void countersOlderThanTwoDaysAreForgotten() {
        send(one, 2, Optional.empty());
        clock.advance(Duration.ofDays(1));
        limits.forgetOldCounters();
        clock.advance(Duration.ofDays(-1));
        assertThat(limits.status("org_1").organizationUsage().get(ChronoUnit.DAYS)).isEqualTo(2);

        clock.advance(Duration.ofDays(3));
        limits.forgetOldCounters();
        clock.advance(Duration.ofDays(-3));
        assertThat(limits.status("org_1").organizationUsage().get(ChronoUnit.DAYS)).isZero();
    }
}
