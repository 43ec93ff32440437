package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A message of an inbox as our index knows it; the mail itself stays in the James mailbox at {@code location}. */
public record StoredMessage(String id, String organizationId, String inboxId, String threadId, Direction direction,
                            MailboxLocation location, MessageContent content, Analysis analysis, Set<String> labels, long size,
                            Instant timestamp, Instant createdAt, Instant updatedAt) {
    public StoredMessage {
        labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels));
    }

    public StoredMessage withLabels(Set<String> newLabels, Instant now) {
        return new StoredMessage(id, organizationId, inboxId, threadId, direction, location, content, analysis, newLabels, size,
            timestamp, createdAt, now);
    }
}
