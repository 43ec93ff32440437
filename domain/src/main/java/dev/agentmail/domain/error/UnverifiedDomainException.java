package dev.agentmail.domain.error;

/** Mail from a custom domain that must wait for the domain's verification. */
public class UnverifiedDomainException extends ForbiddenException {
    private final String domain;

    public UnverifiedDomainException(String domain) {
        super("the domain " + domain + " is not verified yet");
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }
}
