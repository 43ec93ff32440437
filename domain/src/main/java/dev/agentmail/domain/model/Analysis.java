package dev.agentmail.domain.model;

import java.util.Optional;

/**
 * What reading a message for an agent found: the verification code a person would type and the sentence it came
 * from, the link a person would click to confirm, and for a reply its new text without the quoted history.
 */
public record Analysis(Optional<String> code, Optional<String> codeSentence, Optional<String> link,
                       Optional<String> extractedText, Optional<String> extractedHtml) {
    public static final Analysis NONE = new Analysis(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
}
