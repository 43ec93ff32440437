package dev.agentmail.domain.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per source address, for IMAP, SMTP AUTH and the API alike: after {@code maxFailures} wrong keys
 * within {@code window}, the address may not try again for {@code lockout}, right key or not, so a guesser cannot
 * keep going. Other addresses are unaffected. Counters live in memory, per node: a restart or another node starts
 * from zero, which bounds guessing per node rather than per cluster.
 */
public class LoginThrottle {
    /** Above this many tracked addresses, stale ones are dropped so that a spray of addresses cannot fill memory. */
    private static final int PRUNE_ABOVE = 100_000;

    public record Settings(int maxFailures, Duration window, Duration lockout) {
        public Settings {
            if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
                throw new IllegalArgumentException("login throttle needs at least one failure and positive durations");
            }
        }
    }

    private record Failures(Instant windowStart, int count, Instant lockedUntil) {
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @return how long the address must still wait before it may try to log in, if it is locked out */
    public Optional<Duration> lockedOut(String address) {
        Failures failures = byAddress.get(address);
        Instant now = clock.instant();
        if (failures == null || failures.lockedUntil() == null || !failures.lockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.lockedUntil()));
    }

    /** A wrong key (or a key for the wrong inbox) came from this address. */
    public void failed(String address) {
        Instant now = clock.instant();
        byAddress.compute(address, (ignored, previous) -> {
            boolean fresh = previous == null || !previous.windowStart().plus(settings.window()).isAfter(now)
                || (previous.lockedUntil() != null && !previous.lockedUntil().isAfter(now));
            int count = fresh ? 1 : previous.count() + 1;
            Instant start = fresh ? now : previous.windowStart();
            Instant lockedUntil = count >= settings.maxFailures() ? now.plus(settings.lockout()) : null;
            return new Failures(start, count, lockedUntil);
        });
        if (byAddress.size() > PRUNE_ABOVE) {
            byAddress.values().removeIf(failures -> isStale(failures, now));
        }
    }

    private boolean isStale(Failures failures, Instant now) {
        boolean windowOver = !failures.windowStart().plus(settings.window()).isAfter(now);
        boolean lockOver = failures.lockedUntil() == null || !failures.lockedUntil().isAfter(now);
        return windowOver && lockOver;
    }
}
