package dev.agentmail.domain.error;

import java.util.Optional;

/** A request value that breaks a rule; {@code field} names it in the API's terms (snake_case). */
public class InvalidInputException extends DomainException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** A refused value made safe to quote in the message: control characters replaced, long values cut. */
    public static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
    }
}
