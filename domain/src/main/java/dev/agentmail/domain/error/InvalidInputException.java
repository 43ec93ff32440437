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
}
