package dev.agentmail.domain.error;

/** An {@code Idempotency-Key} already used for a different request: another route, or another body. */
public class IdempotencyConflictException extends DomainException {
    public IdempotencyConflictException(String message) {
        super(message);
    }
}
