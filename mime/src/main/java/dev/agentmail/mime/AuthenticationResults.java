package dev.agentmail.mime;

import dev.agentmail.domain.model.Authentication;

import java.util.Locale;
import java.util.Optional;

/**
 * The Authentication-Results header field (RFC 8601) as our server writes and reads it: our authserv-id, then one
 * result each for SPF, DKIM and DMARC with the identities they were about. Read back, only a field that claims our
 * authserv-id counts; the pipeline removes such fields from mail before adding its own, so one left is ours.
 */
public final class AuthenticationResults {
    public static final String HEADER = "Authentication-Results";

    private AuthenticationResults() {
    }

    /**
     * @param mailFrom the envelope sender SPF checked (or the HELO name for a null sender), {@code dkimDomain} the
     *                 d= of the signature that decided the DKIM result, {@code fromDomain} the From domain of DMARC;
     *                 each may be empty
     */
    public static String format(String authservId, Authentication results, String spfIdentity, String dkimDomain,
                                String fromDomain) {
        StringBuilder value = new StringBuilder(authservId);
        value.append(";\r\n\tspf=").append(results.spf());
        if (!spfIdentity.isEmpty()) {
            value.append(spfIdentity.contains("@") ? " smtp.mailfrom=" : " smtp.helo=").append(spfIdentity);
        }
        value.append(";\r\n\tdkim=").append(results.dkim());
        if (!dkimDomain.isEmpty()) {
            value.append(" header.d=").append(dkimDomain);
        }
        value.append(";\r\n\tdmarc=").append(results.dmarc());
        if (!fromDomain.isEmpty()) {
            value.append(" header.from=").append(fromDomain);
        }
        return value.toString();
    }

    /** Whether a field's value claims {@code authservId} as its author. */
    public static boolean claims(String authservId, String value) {
        String unfolded = withoutComments(value).strip();
        int end = 0;
        while (end < unfolded.length() && !Character.isWhitespace(unfolded.charAt(end)) && unfolded.charAt(end) != ';') {
            end++;
        }
        return unfolded.substring(0, end).equalsIgnoreCase(authservId);
    }

    /** The three results of a field of ours; a method it does not name counts as {@code none}. */
    public static Optional<Authentication> read(String authservId, String value) {
        if (!claims(authservId, value)) {
            return Optional.empty();
        }
        String spf = "none";
        String dkim = "none";
        String dmarc = "none";
        String[] parts = withoutComments(value).split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] methodAndResult = parts[i].strip().split("\\s+", 2)[0].split("=", 2);
            if (methodAndResult.length < 2) {
                continue;
            }
            String method = methodAndResult[0].toLowerCase(Locale.ROOT).replaceFirst("/.*", "");
            String result = methodAndResult[1].toLowerCase(Locale.ROOT);
            if (!Authentication.RESULTS.contains(result)) {
                continue;
            }
            switch (method) {
                case "spf" -> spf = result;
                case "dkim" -> dkim = result;
                case "dmarc" -> dmarc = result;
                default -> {
                    // another method; not one we report
                }
            }
        }
        return Optional.of(new Authentication(spf, dkim, dmarc));
    }

    private static String withoutComments(String value) {
        return value.replaceAll("\\([^()]*\\)", " ").replaceAll("\\s+", " ");
    }
}
