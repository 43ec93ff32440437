package dev.agentmail.mailets.inbound;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A domain's DMARC policy record (RFC 7489 6.3): what to do with mail that fails ({@code p}, {@code sp} for
 * subdomains), how strictly identifiers must align ({@code adkim}, {@code aspf}) and to what share of mail the policy
 * applies ({@code pct}).
 */
record DmarcRecord(Disposition policy, Optional<Disposition> subdomainPolicy, boolean strictDkim, boolean strictSpf,
                   int percent) {

    enum Disposition {
        NONE, QUARANTINE, REJECT;

        /** What applies to mail outside {@code pct}: the next milder policy (RFC 7489 6.6.4). */
        Disposition milder() {
            return this == REJECT ? QUARANTINE : NONE;
        }
    }

    /** A TXT record's value as a DMARC record, when it is one (starts with {@code v=DMARC1} and has a valid p). */
    static Optional<DmarcRecord> parse(String txt) {
        Map<String, String> tags = new HashMap<>();
        String[] parts = txt.split(";");
        for (String part : parts) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(part.substring(0, equals).strip().toLowerCase(Locale.ROOT), part.substring(equals + 1).strip());
            }
        }
        if (parts.length == 0 || !parts[0].strip().replace(" ", "").equals("v=DMARC1")) {
            return Optional.empty();
        }
        Optional<Disposition> policy = disposition(tags.get("p"));
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DmarcRecord(policy.get(), disposition(tags.get("sp")),
            "s".equalsIgnoreCase(tags.get("adkim")), "s".equalsIgnoreCase(tags.get("aspf")), percent(tags.get("pct"))));
    }

    /** The policy for a From domain: {@code sp} (or else {@code p}) when the record was found at its organizational domain. */
    Disposition policyFor(boolean fromOrganizationalDomain) {
        return fromOrganizationalDomain ? subdomainPolicy.orElse(policy) : policy;
    }

    private static Optional<Disposition> disposition(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(Disposition.NONE);
            case "quarantine" -> Optional.of(Disposition.QUARANTINE);
            case "reject" -> Optional.of(Disposition.REJECT);
            default -> Optional.empty();
        };
    }

    private static int percent(String value) {
        try {
            return value == null ? 100 : Math.max(0, Math.min(100, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
