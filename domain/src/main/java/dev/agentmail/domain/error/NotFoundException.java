package dev.agentmail.domain.error;



/** The resource does not exist, or belongs to another organization: both look the same from outside. */
public class NotFoundException extends DomainException {
    public NotFoundException(String resource, String id) {
        super(resource + " '" + id + "' not found");
    }

    /** Nothing matched, with a message that says what was looked for, such as a wait that ended empty. */
    public NotFoundException(String message) {
        super(message);
    }
}
