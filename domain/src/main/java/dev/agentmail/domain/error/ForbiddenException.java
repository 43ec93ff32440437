package dev.agentmail.domain.error;



/** A credential that does not grant the request, such as a tampered or expired download link. */
public class ForbiddenException extends DomainException {
    public ForbiddenException(String message) {
        super(message);
    }
}
