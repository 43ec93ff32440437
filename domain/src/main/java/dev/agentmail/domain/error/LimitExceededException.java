package dev.agentmail.domain.error;



/** The organization has reached one of its configured limits. */
public class LimitExceededException extends DomainException {
    public LimitExceededException(String message) {
        super(message);
    }
}
