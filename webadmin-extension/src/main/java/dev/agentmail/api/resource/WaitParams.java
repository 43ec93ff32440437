package dev.agentmail.api.resource;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.Wait;


/** The {@code wait} query parameter of calls that can wait for mail; {@code since} is the domain's (MessageService#newerThan). */
final class WaitParams {
    private WaitParams() {
    }

    /** Parses {@code wait}; the limit is the domain's ({@link Wait}). */
    static Wait waitFor(String wait) {
        if (wait == null) {
            return Wait.NONE;
        }
        try {
            return Wait.ofSeconds(Long.parseLong(wait.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("wait", "wait must be a whole number of seconds");
        }
    }
}
