package dev.agentmail.api.dto;

import dev.agentmail.domain.model.Authentication;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.service.AttachmentService.TextView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.agentmail.api.dto.MessageSummaryResponse.nullIfEmpty;

/**
 * A message with its full content. Empty address and reference lists are null, as in the API reference. For a reply,
 * {@code extracted_text}/{@code extracted_html} hold its new text without the quoted history; for received mail,
 * {@code verification_code} (with the sentence it came from) and {@code verification_link} what a person would
 * type or click to confirm, and {@code authentication} what our SMTP server found of its SPF, DKIM and DMARC.
 * Attachments show their text as far as it is read ({@link AttachmentResponse}).
 */
public record MessageResponse(String inboxId, String threadId, String messageId, String direction, Set<String> labels,
                              Instant timestamp, String from, List<String> replyTo, List<String> to, List<String> cc,
                              List<String> bcc, String subject, String preview, Optional<String> text,
                              Optional<String> html, Optional<String> inReplyTo, List<String> references,
                              Map<String, String> headers, List<AttachmentResponse> attachments, long size,
                              Optional<String> extractedText, Optional<String> extractedHtml,
                              Optional<String> verificationCode, Optional<String> verificationSentence,
                              Optional<String> verificationLink, Optional<Authentication> authentication,
                              Instant createdAt, Instant updatedAt) {
    /** As events tell of it: its attachments' text is not read yet. */
    public static MessageResponse of(StoredMessage message) {
        return of(message, Map.of(), new TextLinks(""));
    }

    public static MessageResponse of(StoredMessage message, Map<String, TextView> texts, TextLinks links) {
        var content = message.content();
        return new MessageResponse(message.inboxId(), message.threadId(), message.id(), message.direction().wireName(),
            message.labels(), message.timestamp(), content.from(), nullIfEmpty(content.replyTo()), content.to(),
            nullIfEmpty(content.cc()), nullIfEmpty(content.bcc()), content.subject(), content.preview(), content.text(),
            content.html(), content.inReplyTo(), nullIfEmpty(content.references()), content.headers(),
            links.attachments(content.attachments(), texts), message.size(),
            message.analysis().extractedText(), message.analysis().extractedHtml(), message.analysis().code(),
            message.analysis().codeSentence(), message.analysis().link(), content.authentication(), message.createdAt(),
            message.updatedAt());
    }
}
