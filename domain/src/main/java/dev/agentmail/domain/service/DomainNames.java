package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Domain names as the API takes them: lower-cased, IDNs turned into their A-label (xn--) form, checked label by label. */
public final class DomainNames {
    private static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private DomainNames() {
    }

    /** @throws InvalidInputException naming {@code field} when the value is not a usable domain name */
    public static String normalize(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (raw.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new InvalidInputException(field, field + " must not contain spaces or control characters such as CR or LF");
        }
        String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid(field, raw, "each label must be 1 to 63 letters, digits or hyphens, or a valid IDN");
        }
        if (ascii.length() > MAX_LENGTH) {
            throw invalid(field, raw, "a domain name has at most " + MAX_LENGTH + " characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid(field, raw, "it needs at least two labels, such as example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid(field, raw, "each label must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen");
            }
            // An A-label must decode; IDN.toUnicode hands back what it cannot decode unchanged.
            if (label.startsWith("xn--") && IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES).equals(label)) {
                throw invalid(field, raw, "'" + label + "' is not a valid IDN A-label");
            }
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            throw invalid(field, raw, "an address is not a domain name");
        }
        return ascii;
    }

    /** For ids in paths: a name that cannot be a domain is simply not found. */
    public static Optional<String> lenient(String raw) {
        try {
            return Optional.of(normalize("domain", raw));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    private static InvalidInputException invalid(String field, String raw, String why) {
        String shown = raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
        return new InvalidInputException(field, "'" + shown + "' is not a valid domain name: " + why);
    }
}
