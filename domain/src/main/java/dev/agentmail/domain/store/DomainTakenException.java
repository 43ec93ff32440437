package dev.agentmail.domain.store;

import dev.agentmail.domain.error.ConflictException;

public class DomainTakenException extends ConflictException {
    public DomainTakenException(String name) {
        super("the domain " + name + " is already added");
    }
}
