package dev.agentmail.domain.port;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Carries a signed event to a webhook's receiver; what counts as delivered, and when to retry, is the caller's. */
public interface WebhookTransport {
    /** How one post ended. */
    sealed interface Result permits Answered, TimedOut, Failed {
    }

    /** The receiver answered with this HTTP status. */
    record Answered(int status) implements Result {
    }

    /** No answer came within the timeout. */
    record TimedOut() implements Result {
    }

    /** The receiver could not be reached, or the exchange broke off. */
    record Failed(String reason) implements Result {
    }

    /** Posts the JSON {@code body} with {@code headers}; redirects are not followed. */
    Result post(URI url, Map<String, String> headers, String body, Duration timeout) throws InterruptedException;
}
