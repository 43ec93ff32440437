package dev.agentmail.domain.model;

import dev.agentmail.domain.error.InvalidInputException;

import java.time.Duration;

/** How long a read may wait for mail that has not arrived yet: not at all, up to {@link #MAX}. */
public record Wait(Duration duration) {
    public static final Duration MAX = Duration.ofSeconds(120);
    public static final Wait NONE = new Wait(Duration.ZERO);

    public Wait {
        if (duration.isNegative() || duration.compareTo(MAX) > 0) {
            throw new InvalidInputException("wait", "wait must be between 0 and " + MAX.toSeconds() + " seconds");
        }
    }

    public static Wait ofSeconds(long seconds) {
        return new Wait(Duration.ofSeconds(seconds));
    }
}
