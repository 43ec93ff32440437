package dev.agentmail.api.dto;

import dev.agentmail.domain.model.ThreadSummary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public record ThreadSummaryResponse(String inboxId, String threadId, Set<String> labels, Instant timestamp,
                                    Optional<Instant> receivedTimestamp, Optional<Instant> sentTimestamp,
                                    List<String> senders, List<String> recipients, String subject, String preview,
                                    String lastMessageId, int messageCount, long size) {
    public static ThreadSummaryResponse of(ThreadSummary thread) {
        return new ThreadSummaryResponse(thread.inboxId(), thread.threadId(), thread.labels(), thread.timestamp(),
            thread.receivedTimestamp(), thread.sentTimestamp(), thread.senders(), thread.recipients(), thread.subject(),
            thread.preview(), thread.lastMessageId(), thread.messageCount(), thread.size());
    }
}
