package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.model.SendLimit;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * Sending limits as JSON: recipients per minute, hour and day for each inbox and for the organization, and messages
 * per thread per hour; 0 is no limit. As overrides, a limit left out (or null) follows the deployment's default.
 * Multi-word fields are named explicitly, as in the request records (Jackson 2.14 and snake_case records).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendLimitsBody(Window inbox, Window organization,
                             @JsonProperty("thread_per_hour") Integer threadPerHour) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(@JsonProperty("per_minute") Integer perMinute, @JsonProperty("per_hour") Integer perHour,
                         @JsonProperty("per_day") Integer perDay) {
    }

    public static SendLimitsBody of(Map<SendLimit, Integer> limits) {
        return new SendLimitsBody(window(limits, SendLimit.Scope.INBOX), window(limits, SendLimit.Scope.ORGANIZATION),
            limits.get(SendLimit.THREAD_PER_HOUR));
    }

    /** @return null when the scope has no limit in the map, as overrides may not */
    private static Window window(Map<SendLimit, Integer> limits, SendLimit.Scope scope) {
        if (limits.keySet().stream().noneMatch(limit -> limit.scope() == scope)) {
            return null;
        }
        return new Window(limits.get(SendLimit.of(scope, ChronoUnit.MINUTES)),
            limits.get(SendLimit.of(scope, ChronoUnit.HOURS)), limits.get(SendLimit.of(scope, ChronoUnit.DAYS)));
    }

    /** The limits this body sets; a window left out sets none. */
    public Map<SendLimit, Integer> toLimits() {
        Map<SendLimit, Integer> limits = new EnumMap<>(SendLimit.class);
        put(limits, SendLimit.Scope.INBOX, inbox);
        put(limits, SendLimit.Scope.ORGANIZATION, organization);
        if (threadPerHour != null) {
            limits.put(SendLimit.THREAD_PER_HOUR, threadPerHour);
        }
        return limits;
    }

    private static void put(Map<SendLimit, Integer> limits, SendLimit.Scope scope, Window window) {
        if (window == null) {
            return;
        }
        putIfSet(limits, SendLimit.of(scope, ChronoUnit.MINUTES), window.perMinute());
        putIfSet(limits, SendLimit.of(scope, ChronoUnit.HOURS), window.perHour());
        putIfSet(limits, SendLimit.of(scope, ChronoUnit.DAYS), window.perDay());
    }

    private static void putIfSet(Map<SendLimit, Integer> limits, SendLimit limit, Integer value) {
        if (value != null) {
            limits.put(limit, value);
        }
    }
}
