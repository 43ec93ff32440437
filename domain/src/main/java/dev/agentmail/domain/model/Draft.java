package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message an inbox has not sent yet. It is a real message in the inbox's Drafts folder ({@code location}, while it
 * is there), so a person sees and edits it in a mail client; this is its projection, under an id that stays the same
 * across the client's edits. After sending it has the sent message's {@code messageId}.
 */
public record Draft(String id, String organizationId, String inboxId, DraftStatus status, DraftContent content,
                    Optional<Instant> sendAt, Optional<String> threadId, Optional<String> messageId,
                    Optional<String> reason, Optional<MailboxLocation> location, Instant createdAt, Instant updatedAt) {
    public Draft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Draft withStatus(DraftStatus newStatus, Instant now) {
        return new Draft(id, organizationId, inboxId, newStatus, content, sendAt, threadId, messageId, reason, location,
            createdAt, now);
    }

    public Draft withContent(DraftContent newContent, Optional<Instant> newSendAt, Optional<String> newThreadId,
                             Instant now) {
        return new Draft(id, organizationId, inboxId, status, newContent, newSendAt, newThreadId, messageId, reason,
            location, createdAt, now);
    }

    public Draft withLocation(Optional<MailboxLocation> newLocation, Instant now) {
        return new Draft(id, organizationId, inboxId, status, content, sendAt, threadId, messageId, reason, newLocation,
            createdAt, now);
    }

    public Draft rejected(Optional<String> why, Instant now) {
        return new Draft(id, organizationId, inboxId, DraftStatus.REJECTED, content, sendAt, threadId, messageId, why,
            location, createdAt, now);
    }

    public Draft sent(String sentMessageId, String sentThreadId, Instant now) {
        return new Draft(id, organizationId, inboxId, DraftStatus.SENT, content, sendAt, Optional.of(sentThreadId),
            Optional.of(sentMessageId), reason, Optional.empty(), createdAt, now);
    }

    public Draft failed(String why, Instant now) {
        return new Draft(id, organizationId, inboxId, DraftStatus.FAILED, content, sendAt, threadId, messageId,
            Optional.of(why), location, createdAt, now);
    }
}
