package dev.agentmail.domain.error;

import java.time.Duration;

/** A sending limit is reached: nothing was sent, and the same send may succeed after {@link #retryAfter()}. */
public class RateLimitedException extends DomainException {
    private final Duration retryAfter;

    /** @param reason which limit, and how far it is used; the message adds when to retry */
    public RateLimitedException(String reason, Duration retryAfter) {
        super(reason + "; retry in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one, as Retry-After wants. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
