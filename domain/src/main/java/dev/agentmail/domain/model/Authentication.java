package dev.agentmail.domain.model;

import java.util.Objects;
import java.util.Set;

/**
 * What our SMTP server found when it checked who sent a message it received from outside: the SPF, DKIM and DMARC
 * results, each named as RFC 8601 names it. Mail that did not come in from outside (sent through the API or by
 * submission, or between our own inboxes) has none.
 */
public record Authentication(String spf, String dkim, String dmarc) {
    /** The results RFC 8601 defines for the three methods, as far as we report them. */
    public static final Set<String> RESULTS = Set.of("pass", "fail", "softfail", "neutral", "none", "temperror",
        "permerror");

    public Authentication {
        for (String result : new String[] {spf, dkim, dmarc}) {
            if (!RESULTS.contains(Objects.requireNonNull(result, "result"))) {
                throw new IllegalArgumentException("not an authentication result: " + result);
            }
        }
    }
}
