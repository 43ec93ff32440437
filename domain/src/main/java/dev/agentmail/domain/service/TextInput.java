package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import java.util.Optional;

/** Checks for free-text request fields that end up in mail headers or listings. */
public final class TextInput {
    private TextInput() {
    }

    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        return singleLine(field, value.strip(), maxLength);
    }

    public static Optional<String> optional(String field, String value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(singleLine(field, value.strip(), maxLength));
    }

    /** CR, LF and other control characters would let a value break out of a mail header. */
    private static String singleLine(String field, String value, int maxLength) {
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, field + " must not contain control characters such as CR or LF");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(field, field + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
