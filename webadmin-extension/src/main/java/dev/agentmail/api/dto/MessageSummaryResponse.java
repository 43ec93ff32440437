package dev.agentmail.api.dto;

import dev.agentmail.domain.model.StoredMessage;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A message as lists show it. Empty address lists are null, as in the API reference. */
public record MessageSummaryResponse(String inboxId, String threadId, String messageId, String direction,
                                     Set<String> labels, Instant timestamp, String from, List<String> to,
                                     List<String> cc, String subject, String preview, long size) {
    public static MessageSummaryResponse of(StoredMessage message) {
        return new MessageSummaryResponse(message.inboxId(), message.threadId(), message.id(),
            message.direction().wireName(), message.labels(), message.timestamp(), message.content().from(),
            message.content().to(), nullIfEmpty(message.content().cc()), message.content().subject(),
            message.content().preview(), message.size());
    }

    static <T> List<T> nullIfEmpty(List<T> values) {
        return values.isEmpty() ? null : values;
    }
}
