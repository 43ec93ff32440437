package dev.agentmail.domain.error;



/** A message or attachment larger than the configured maximum. */
public class PayloadTooLargeException extends DomainException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
