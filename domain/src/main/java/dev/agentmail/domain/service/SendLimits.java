package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.error.RateLimitedException;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.SendLimit;
import dev.agentmail.domain.model.SendWindow;
import dev.agentmail.domain.store.OrganizationRepository;
import dev.agentmail.domain.store.SendCounters;
import dev.agentmail.domain.store.SendLimitOverrides;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sending limits and the loop breaker, the same for every way out (API, drafts, MCP, submission): each message counts
 * once per recipient against its inbox and its organization, per minute, hour and day, and once against the thread
 * it joins, per hour. A send is checked before it is spooled and counted once it was, so a refused send counts
 * nothing. Counters are in the shared store: the limits hold across the nodes of a deployment, give or take the
 * sends that nodes check at the same moment.
 */
public class SendLimits {
    private static final Logger LOGGER = LoggerFactory.getLogger(SendLimits.class);
    /** Counters of windows older than the longest one are never read again. */
    static final Duration RETENTION = Duration.ofDays(2);

    private final SendCounters counters;
    private final SendLimitOverrides overrides;
    private final OrganizationRepository organizations;
    private final SendLimitSettings settings;
    private final Clock clock;

    @Inject
    public SendLimits(SendCounters counters, SendLimitOverrides overrides, OrganizationRepository organizations,
                      SendLimitSettings settings, Clock clock) {
        this.counters = counters;
        this.overrides = overrides;
        this.organizations = organizations;
        this.settings = settings;
        this.clock = clock;
    }

    /** What an organization may send and what it sent in the current windows. */
    public record Status(Map<SendLimit, Integer> limits, Map<ChronoUnit, Long> organizationUsage) {
    }

    /**
     * @param threadId the thread the message joins, empty when it starts one
     * @throws RateLimitedException naming every limit the send would pass, with how long until all allow it
     */
    public void requireSendable(Inbox inbox, int recipients, Optional<String> threadId) {
        Map<SendLimit, Integer> limits = limitsOf(inbox.organizationId());
        Instant now = clock.instant();
        Map<SendLimit, SendWindow> windows = windows(inbox, threadId, now);
        windows.keySet().removeIf(limit -> limits.get(limit) == 0);
        if (windows.isEmpty()) {
            return;
        }
        Map<SendWindow, Long> counts = counters.counts(windows.values());
        List<String> reasons = new ArrayList<>();
        Duration retryAfter = Duration.ZERO;
        for (Map.Entry<SendLimit, SendWindow> entry : windows.entrySet()) {
            SendLimit limit = entry.getKey();
            long sent = counts.getOrDefault(entry.getValue(), 0L);
            long adding = limit.scope() == SendLimit.Scope.THREAD ? 1 : recipients;
            if (sent + adding > limits.get(limit)) {
                reasons.add(reason(limit, limits.get(limit), sent, inbox, threadId));
                Duration remaining = limit.remainingAt(now);
                retryAfter = remaining.compareTo(retryAfter) > 0 ? remaining : retryAfter;
            }
        }
        if (!reasons.isEmpty()) {
            RateLimitedException refusal = new RateLimitedException(String.join("; ", reasons), retryAfter);
            LOGGER.info("Refused a send from {}: {}", inbox.emailAddress(), refusal.getMessage());
            throw refusal;
        }
    }

    /**
     * Counts a message that was spooled. It has left already: a failure to count is logged, never thrown, or the
     * caller would send it again.
     */
    public void record(Inbox inbox, int recipients, Optional<String> threadId) {
        Map<SendWindow, Long> amounts = new LinkedHashMap<>();
        windows(inbox, threadId, clock.instant()).forEach((limit, window) ->
            amounts.put(window, limit.scope() == SendLimit.Scope.THREAD ? 1L : recipients));
        try {
            counters.add(amounts);
        } catch (RuntimeException e) {
            LOGGER.warn("Could not count a message sent from {} against its sending limits", inbox.emailAddress(), e);
        }
    }

    /** The organization's limits: its overrides over the deployment's defaults; 0 is no limit. */
    public Map<SendLimit, Integer> limitsOf(String organizationId) {
        Map<SendLimit, Integer> limits = new EnumMap<>(settings.defaults());
        limits.putAll(overrides.of(organizationId));
        return limits;
    }

    public Status status(String organizationId) {
        Instant now = clock.instant();
        Map<ChronoUnit, SendWindow> windows = new EnumMap<>(ChronoUnit.class);
        for (SendLimit limit : SendLimit.values()) {
            if (limit.scope() == SendLimit.Scope.ORGANIZATION) {
                windows.put(limit.window(), limit.windowAt(organizationId, now));
            }
        }
        Map<SendWindow, Long> counts = counters.counts(windows.values());
        Map<ChronoUnit, Long> usage = new EnumMap<>(ChronoUnit.class);
        windows.forEach((unit, window) -> usage.put(unit, counts.getOrDefault(window, 0L)));
        return new Status(limitsOf(organizationId), usage);
    }

    /** The operator's overrides of an organization. */
    public Map<SendLimit, Integer> overridesOf(String organizationId) {
        requireOrganization(organizationId);
        return overrides.of(organizationId);
    }

    /** Replaces the operator's overrides of an organization; limits left out follow the deployment's defaults. */
    public Status override(String organizationId, Map<SendLimit, Integer> values) {
        requireOrganization(organizationId);
        values.forEach((limit, value) -> {
            if (value == null || value < 0 || value > SendLimitSettings.MAX_LIMIT) {
                throw new InvalidInputException(null, "a limit is a whole number from 0 (no limit) to "
                    + SendLimitSettings.MAX_LIMIT);
            }
        });
        overrides.replace(organizationId, values);
        LOGGER.info("Sending limits of {} overridden: {}", organizationId, values);
        return status(organizationId);
    }

    /** Forgets counters no limit reads any more. */
    public void forgetOldCounters() {
        counters.forgetBefore(clock.instant().minus(RETENTION));
    }

    private void requireOrganization(String organizationId) {
        if (organizations.find(organizationId).isEmpty()) {
            throw new NotFoundException("organization", organizationId);
        }
    }

    private static Map<SendLimit, SendWindow> windows(Inbox inbox, Optional<String> threadId, Instant now) {
        Map<SendLimit, SendWindow> windows = new EnumMap<>(SendLimit.class);
        for (SendLimit limit : SendLimit.values()) {
            switch (limit.scope()) {
                case INBOX -> windows.put(limit, limit.windowAt(inbox.id(), now));
                case ORGANIZATION -> windows.put(limit, limit.windowAt(inbox.organizationId(), now));
                case THREAD -> threadId.ifPresent(thread -> windows.put(limit, limit.windowAt(inbox.id() + ":" + thread, now)));
            }
        }
        return windows;
    }

    private static String reason(SendLimit limit, int max, long sent, Inbox inbox, Optional<String> threadId) {
        String window = switch (limit.window()) {
            case MINUTES -> "minute";
            case HOURS -> "hour";
            default -> "day";
        };
        return switch (limit.scope()) {
            case INBOX -> "the inbox " + inbox.emailAddress() + " may send to " + max + " recipients per " + window
                + " and has sent to " + sent + " this " + window;
            case ORGANIZATION -> "the organization may send to " + max + " recipients per " + window
                + " and has sent to " + sent + " this " + window;
            case THREAD -> "thread loop limit: the inbox " + inbox.emailAddress() + " may send " + max
                + " messages per hour into one thread and has sent " + sent + " into " + threadId.orElseThrow()
                + " this hour";
        };
    }
}
