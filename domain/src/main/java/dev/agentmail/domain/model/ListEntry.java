package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of an allow or block list, of an organization ({@code inboxId} empty) or of one of its inboxes. The entry
 * is a bare address ({@code a@example.com}), a domain ({@code example.com}), or a domain with its subdomains
 * ({@code *.example.com}), stored lower-cased and with IDNs in their A-label form.
 */
public record ListEntry(String organizationId, Optional<String> inboxId, Direction direction, Kind kind, String entry,
                        Optional<String> reason, Instant createdAt) {
    /** {@code receive}: who may mail us; {@code send}: whom we may mail. */
    public enum Direction {
        RECEIVE, SEND;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Kind {
        ALLOW, BLOCK;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether this entry names {@code address} (bare and lower-cased), its domain, or a parent domain of it. */
    public boolean covers(String address) {
        if (entry.contains("@")) {
            return entry.equals(address);
        }
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (entry.startsWith("*.")) {
            String parent = entry.substring(2);
            return domain.equals(parent) || domain.endsWith("." + parent);
        }
        return domain.equals(entry);
    }
}
