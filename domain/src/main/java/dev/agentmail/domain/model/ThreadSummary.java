package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A thread as lists show it, computed from its messages. */
public record ThreadSummary(String threadId, String inboxId, Set<String> labels, Instant timestamp,
                            Optional<Instant> receivedTimestamp, Optional<Instant> sentTimestamp, List<String> senders,
                            List<String> recipients, String subject, String preview, String lastMessageId,
                            int messageCount, long size) {
}
