package dev.agentmail.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One limit on sending: recipients an inbox, or an organization, may send to in a minute, an hour or a day, and
 * messages an inbox may send into one thread in an hour (the loop breaker). Windows are calendar windows in UTC.
 */
public enum SendLimit {
    INBOX_PER_MINUTE(Scope.INBOX, ChronoUnit.MINUTES),
    INBOX_PER_HOUR(Scope.INBOX, ChronoUnit.HOURS),
    INBOX_PER_DAY(Scope.INBOX, ChronoUnit.DAYS),
    ORGANIZATION_PER_MINUTE(Scope.ORGANIZATION, ChronoUnit.MINUTES),
    ORGANIZATION_PER_HOUR(Scope.ORGANIZATION, ChronoUnit.HOURS),
    ORGANIZATION_PER_DAY(Scope.ORGANIZATION, ChronoUnit.DAYS),
    THREAD_PER_HOUR(Scope.THREAD, ChronoUnit.HOURS);

    public enum Scope { INBOX, ORGANIZATION, THREAD }

    private final Scope scope;
    private final ChronoUnit window;

    SendLimit(Scope scope, ChronoUnit window) {
        this.scope = scope;
        this.window = window;
    }

    public Scope scope() {
        return scope;
    }

    public ChronoUnit window() {
        return window;
    }

    public static SendLimit of(Scope scope, ChronoUnit window) {
        for (SendLimit limit : values()) {
            if (limit.scope == scope && limit.window == window) {
                return limit;
            }
        }
        throw new IllegalArgumentException("no " + window + " limit for " + scope);
    }

    /** The window this limit counts in at {@code at}. */
    public SendWindow windowAt(String subject, Instant at) {
        return new SendWindow(scope.name().toLowerCase(Locale.ROOT) + ":" + subject + ":" + name().toLowerCase(Locale.ROOT),
            at.truncatedTo(window));
    }

    /** How long from {@code at} until the window it falls in ends. */
    public Duration remainingAt(Instant at) {
        return Duration.between(at, at.truncatedTo(window).plus(window.getDuration()));
    }
}
