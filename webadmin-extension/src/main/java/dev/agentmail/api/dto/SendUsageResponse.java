package dev.agentmail.api.dto;

import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Recipients the organization sent to in the current minute, hour and day (UTC calendar windows). */
public record SendUsageResponse(long minute, long hour, long day) {
    public static SendUsageResponse of(Map<ChronoUnit, Long> usage) {
        return new SendUsageResponse(usage.getOrDefault(ChronoUnit.MINUTES, 0L), usage.getOrDefault(ChronoUnit.HOURS, 0L),
            usage.getOrDefault(ChronoUnit.DAYS, 0L));
    }
}
