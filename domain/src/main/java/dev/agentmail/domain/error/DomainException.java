package dev.agentmail.domain.error;



/** A refusal that the caller can act on; the REST layer maps each subclass to one HTTP status. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message);
    }
}
