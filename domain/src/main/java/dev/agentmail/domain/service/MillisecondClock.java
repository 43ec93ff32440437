package dev.agentmail.domain.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The clock the services read: whole milliseconds, the precision every store keeps, so that a time a service returns
 * equals the time read back from storage later. Bound once; services take any {@link Clock} and never truncate.
 */
public final class MillisecondClock extends Clock {
    private final Clock base;

    public MillisecondClock(Clock base) {
        this.base = base;
    }

    public static MillisecondClock systemUTC() {
        return new MillisecondClock(Clock.systemUTC());
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public long millis() {
        return base.millis();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MillisecondClock(base.withZone(zone));
    }
}
