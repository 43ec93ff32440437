package dev.agentmail.domain.error;



/** The request clashes with existing state, such as an email address that is already taken. */
public class ConflictException extends DomainException {
    public ConflictException(String message) {
        super(message);
    }
}
