package dev.agentmail.domain.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed webhook delivery is tried again: the n-th retry waits the n-th delay, give or take a fifth of it so
 * that deliveries failing together do not all come back at once. Written like {@code 5s,5m,30m,2h,5h,10h,10h}.
 */
public record RetrySchedule(List<Duration> delays) {
    /**
     * The default retries often at first, when most outages end, and spans a little over a day (about 29 hours)
     * for the long ones.
     */
    public static final String DEFAULT = "5s,30s,2m,5m,15m,30m,1h,2h,4h,8h,12h";

    public RetrySchedule {
        delays = List.copyOf(delays);
    }

    public static RetrySchedule parse(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            String value = part.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            delays.add(parseDuration(value));
        }
        return new RetrySchedule(delays);
    }

    private static Duration parseDuration(String value) {
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a delay like 5s, 500ms, 10m, 2h or 1d: " + value);
        }
    }

    /** @return how long to wait after the given number of failed attempts, or empty when the schedule is done */
    public Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        long millis = delays.get(failedAttempts - 1).toMillis();
        long jitter = millis / 5;
        return Optional.of(Duration.ofMillis(millis + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1))));
    }
}
