package dev.agentmail.domain.service;

/** The resource does not exist, or belongs to another organization: both look the same from outside. */
public class NotFoundException extends DomainException {
    public NotFoundException(String resource, String id) {
        super(resource + " '" + id + "' not found");
    }
}
