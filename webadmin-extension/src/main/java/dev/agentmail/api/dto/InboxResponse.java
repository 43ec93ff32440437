package dev.agentmail.api.dto;

import dev.agentmail.domain.model.Inbox;

import java.time.Instant;
import java.util.Optional;

public record InboxResponse(String inboxId, String emailAddress, String username, String domain,
                            Optional<String> displayName, Optional<String> clientId, Instant createdAt,
                            Instant updatedAt, Optional<Instant> expiresAt, String sendMode) {
    public static InboxResponse of(Inbox inbox) {
        return new InboxResponse(inbox.id(), inbox.emailAddress(), inbox.username(), inbox.domain(),
            inbox.displayName(), inbox.clientId(), inbox.createdAt(), inbox.updatedAt(), inbox.expiresAt(),
            inbox.sendMode().wireName());
    }
}
