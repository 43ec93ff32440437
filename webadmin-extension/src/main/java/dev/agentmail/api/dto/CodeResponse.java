package dev.agentmail.api.dto;

import dev.agentmail.domain.model.StoredMessage;

import java.time.Instant;
import java.util.Optional;

/** The verification code and link of the newest received message that has one, and the sentence the code came from. */
public record CodeResponse(Optional<String> code, Optional<String> link, Optional<String> text, String messageId,
                           String subject, String from, Instant timestamp) {
    public static CodeResponse of(StoredMessage message) {
        return new CodeResponse(message.analysis().code(), message.analysis().link(), message.analysis().codeSentence(),
            message.id(), message.content().subject(), message.content().from(), message.timestamp());
    }
}
