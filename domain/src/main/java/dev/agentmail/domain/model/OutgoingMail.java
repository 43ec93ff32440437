package dev.agentmail.domain.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message an inbox sends, before it is MIME: addresses as given ({@code "Name <a@b>"} or bare), bodies, files,
 * extra headers, threading headers, and for a forward without new text the original message to enclose.
 */
public record OutgoingMail(String fromAddress, Optional<String> fromName, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
                           String subject, Optional<String> text, Optional<String> html,
                           List<OutgoingAttachment> attachments, Map<String, String> headers,
                           Optional<String> inReplyTo, List<String> references, Optional<byte[]> enclosedMessage,
                           String messageIdDomain) {
    public record OutgoingAttachment(String filename, String contentType, byte[] content) {
    }

    /** Everyone the mail is delivered to: To, Cc and Bcc. */
    public List<String> envelopeRecipients() {
        return java.util.stream.Stream.of(to, cc, bcc).flatMap(List::stream).toList();
    }
}
