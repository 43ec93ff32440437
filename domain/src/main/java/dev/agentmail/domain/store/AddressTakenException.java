package dev.agentmail.domain.store;

import dev.agentmail.domain.error.ConflictException;

public class AddressTakenException extends ConflictException {
    public AddressTakenException(String address) {
        super("the address " + address + " is already taken");
    }
}
