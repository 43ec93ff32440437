package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's mailbox: a James user named {@code username@domain} with its INBOX and Sent folders. A disposable
 * inbox has {@code expiresAt}: it is deleted then, and it may receive but not send.
 */
public record Inbox(String id, String organizationId, String username, String domain,
                    Optional<String> displayName, Optional<String> clientId,
                    Instant createdAt, Instant updatedAt, Optional<Instant> expiresAt, SendMode sendMode) {
    public Inbox {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(sendMode, "sendMode");
    }

    /** An inbox that sends directly. */
    public Inbox(String id, String organizationId, String username, String domain, Optional<String> displayName,
                 Optional<String> clientId, Instant createdAt, Instant updatedAt, Optional<Instant> expiresAt) {
        this(id, organizationId, username, domain, displayName, clientId, createdAt, updatedAt, expiresAt,
            SendMode.DIRECT);
    }

    /** A persistent inbox. */
    public Inbox(String id, String organizationId, String username, String domain, Optional<String> displayName,
                 Optional<String> clientId, Instant createdAt, Instant updatedAt) {
        this(id, organizationId, username, domain, displayName, clientId, createdAt, updatedAt, Optional.empty(),
            SendMode.DIRECT);
    }

    public String emailAddress() {
        return username + "@" + domain;
    }

    public boolean disposable() {
        return expiresAt.isPresent();
    }

    /** Whatever it sends waits, as a draft, for a person's approval. */
    public boolean approvalRequired() {
        return sendMode == SendMode.APPROVAL;
    }

    public Inbox withDisplayName(Optional<String> newDisplayName, Instant now) {
        return new Inbox(id, organizationId, username, domain, newDisplayName, clientId, createdAt, now, expiresAt,
            sendMode);
    }

    public Inbox withSendMode(SendMode newSendMode, Instant now) {
        return new Inbox(id, organizationId, username, domain, displayName, clientId, createdAt, now, expiresAt,
            newSendMode);
    }
}
