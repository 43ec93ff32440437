package dev.agentmail.domain.store;

import dev.agentmail.domain.error.ConflictException;

/** Another inbox of the organization was created with this client_id; the service answers with that inbox. */
public class ClientIdTakenException extends ConflictException {
    public ClientIdTakenException() {
        super("the organization already has an inbox with this client_id");
    }
}
