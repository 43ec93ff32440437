package dev.agentmail.domain.event;

import dev.agentmail.domain.model.Domain;

/** {@code domain.verified}: published once, with the domain already VERIFIED, when a check finds all its records valid. */
public class DomainEvents extends InProcessBus<Domain> {
    @Override
    String describe(Domain domain) {
        return "domain.verified of " + domain.name();
    }
}
