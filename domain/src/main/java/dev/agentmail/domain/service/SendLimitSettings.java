package dev.agentmail.domain.service;

import dev.agentmail.domain.model.SendLimit;
import dev.agentmail.domain.model.SendLimit.Scope;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment's sending limits, for organizations an operator gave no overrides: recipients per inbox and per
 * organization in a minute, an hour and a day, written like {@value #DEFAULT}, and messages per thread per inbox in
 * an hour. A scope or window left out keeps its default; 0 means no limit.
 */
public record SendLimitSettings(Map<SendLimit, Integer> defaults) {
    /**
     * An agent that answers mail rarely needs more than one message a second; a day of 2000 stays under what the
     * large mailbox providers let one account send, and an organization may run ten such inboxes at full speed.
     */
    public static final String DEFAULT = "inbox:60/m,500/h,2000/d;org:600/m,5000/h,20000/d";
    /** Two agents answering each other stop within the hour, while a real conversation never gets near. */
    public static final int DEFAULT_THREAD_PER_HOUR = 20;
    public static final int MAX_LIMIT = 1_000_000_000;
    private static final Pattern LIMIT = Pattern.compile("(\\d{1,10})/([mhd])");

    public SendLimitSettings {
        defaults = Map.copyOf(defaults);
        if (!defaults.keySet().equals(EnumSet.allOf(SendLimit.class))) {
            throw new IllegalArgumentException("every limit needs a default");
        }
    }

    public static SendLimitSettings standard() {
        return parse(DEFAULT, DEFAULT_THREAD_PER_HOUR);
    }

    /** @throws IllegalArgumentException saying what is wrong, for a value that is not exactly in the format */
    public static SendLimitSettings parse(String limits, int threadPerHour) {
        if (threadPerHour < 0 || threadPerHour > MAX_LIMIT) {
            throw new IllegalArgumentException("the thread limit must be between 0 and " + MAX_LIMIT);
        }
        Map<SendLimit, Integer> values = new EnumMap<>(SendLimit.class);
        readInto(values, DEFAULT);
        readInto(values, limits);
        values.put(SendLimit.THREAD_PER_HOUR, threadPerHour);
        return new SendLimitSettings(values);
    }

    private static void readInto(Map<SendLimit, Integer> values, String limits) {
        Set<Scope> seen = EnumSet.noneOf(Scope.class);
        for (String part : limits.split(";", -1)) {
            String[] scopeAndLimits = part.strip().split(":", -1);
            if (scopeAndLimits.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not scope:limits, like "
                    + "inbox:60/m,500/h,2000/d (scopes inbox and org, separated by ';')");
            }
            Scope scope = switch (scopeAndLimits[0].strip()) {
                case "inbox" -> Scope.INBOX;
                case "org" -> Scope.ORGANIZATION;
                default -> throw new IllegalArgumentException("unknown scope '" + scopeAndLimits[0].strip()
                    + "': the scopes are inbox and org");
            };
            if (!seen.add(scope)) {
                throw new IllegalArgumentException("the scope " + scopeAndLimits[0].strip() + " is given twice");
            }
            Set<ChronoUnit> windows = EnumSet.noneOf(ChronoUnit.class);
            for (String limit : scopeAndLimits[1].split(",", -1)) {
                Matcher matcher = LIMIT.matcher(limit.strip());
                if (!matcher.matches()) {
                    throw new IllegalArgumentException("'" + limit.strip() + "' is not a limit like 60/m, 500/h or"
                        + " 2000/d (a whole number of recipients per minute, hour or day; 0 for none)");
                }
                long value = Long.parseLong(matcher.group(1));
                if (value > MAX_LIMIT) {
                    throw new IllegalArgumentException(limit.strip() + " is more than " + MAX_LIMIT);
                }
                ChronoUnit window = switch (matcher.group(2)) {
                    case "m" -> ChronoUnit.MINUTES;
                    case "h" -> ChronoUnit.HOURS;
                    default -> ChronoUnit.DAYS;
                };
                if (!windows.add(window)) {
                    throw new IllegalArgumentException("the " + scopeAndLimits[0].strip() + " limit per "
                        + matcher.group(2) + " is given twice");
                }
                values.put(SendLimit.of(scope, window), (int) value);
            }
        }
    }
}
