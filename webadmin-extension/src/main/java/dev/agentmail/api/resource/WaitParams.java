package dev.agentmail.api.resource;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.Wait;
import dev.agentmail.domain.service.MessageService;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code wait} and {@code since} query parameters of calls that can wait for mail. */
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

    /** A timestamp (ISO-8601) or the id of a message of the inbox, whose time is then used. */
    static Optional<Instant> since(MessageService messages, String organizationId, String inboxId, String since) {
        if (since == null || since.isBlank()) {
            return Optional.empty();
        }
        if (since.startsWith("msg_")) {
            return Optional.of(messages.get(organizationId, inboxId, since).timestamp());
        }
        try {
            return Optional.of(Instant.parse(since.trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("since", "since must be an ISO-8601 timestamp or a message id");
        }
    }
}
