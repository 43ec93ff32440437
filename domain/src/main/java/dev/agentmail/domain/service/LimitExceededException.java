package dev.agentmail.domain.service;

/** The organization has reached one of its configured limits. */
public class LimitExceededException extends DomainException {
    public LimitExceededException(String message) {
        super(message);
    }
}
