package dev.agentmail.domain.port;

import dev.agentmail.domain.error.InvalidInputException;
import java.net.URI;
import java.util.Optional;

/** Fetches a file an agent names by URL, for sending it as an attachment. */
public interface AttachmentFetcher {
    record Fetched(byte[] content, Optional<String> contentType) {
    }

    /** @throws InvalidInputException naming {@code field} when the URL is refused or cannot be fetched */
    Fetched fetch(String field, URI url, long maxBytes);
}
