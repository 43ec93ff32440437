package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Labels are IMAP keywords. A label that is a valid keyword atom is used as is; any other is encoded reversibly
 * as {@code $L.} followed by its UTF-8 bytes in unpadded base64url, which is an atom too.
 */
public final class Labels {
    public static final int MAX_LABELS = 50;
    public static final int MAX_LENGTH = 100;
    private static final String ENCODED = "$L.";
    private static final Pattern PLAIN_ATOM = Pattern.compile("[A-Za-z0-9_.\\-:@#&+=!?~|^]+");

    private Labels() {
    }

    public static Set<String> validate(String field, Collection<String> labels) {
        if (labels == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (labels.size() > MAX_LABELS) {
            throw new InvalidInputException(field, "at most " + MAX_LABELS + " labels");
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                throw new InvalidInputException(field, "labels must not be empty");
            }
            valid.add(TextInput.required(field, label, MAX_LENGTH));
        }
        return valid;
    }

    public static String toKeyword(String label) {
        if (PLAIN_ATOM.matcher(label).matches() && !label.startsWith(ENCODED)) {
            return label;
        }
        return ENCODED + Base64.getUrlEncoder().withoutPadding().encodeToString(label.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the label a keyword stands for; system flags and other clients' '$' keywords are not labels */
    public static Optional<String> fromKeyword(String keyword) {
        if (keyword.startsWith(ENCODED)) {
            try {
                return Optional.of(new String(Base64.getUrlDecoder().decode(keyword.substring(ENCODED.length())),
                    StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notOurs) {
                return Optional.empty();
            }
        }
        if (keyword.startsWith("\\") || keyword.startsWith("$")) {
            return Optional.empty();
        }
        return Optional.of(keyword);
    }
}
