package dev.agentmail.api.dto;

import dev.agentmail.domain.model.StoredMessage;

import java.util.List;

/** A thread with all its messages, oldest first, each as GET message shows it. */
public record ThreadResponse(String inboxId, String threadId, String subject, int messageCount, String preview,
                             List<MessageResponse> messages) {
    public static ThreadResponse of(String inboxId, String threadId, List<StoredMessage> messages) {
        return new ThreadResponse(inboxId, threadId, messages.get(0).content().subject(), messages.size(),
            messages.get(messages.size() - 1).content().preview(), messages.stream().map(MessageResponse::of).toList());
    }
}
