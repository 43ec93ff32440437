package dev.agentmail.domain.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a draft will send, with the meaning the fields have on send. {@code inReplyToMessageId} is one of the inbox's
 * messages: the draft replies to it. Attachments keep their content (base64) until the draft is sent or dropped.
 */
public record DraftContent(List<String> to, List<String> cc, List<String> bcc, List<String> replyTo, String subject,
                           Optional<String> text, Optional<String> html, List<Attachment> attachments,
                           List<String> labels, Map<String, String> headers, Optional<String> inReplyToMessageId) {
    public record Attachment(String filename, String contentType, String base64Content) {
        public Attachment {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(base64Content, "base64Content");
        }
    }

    public DraftContent {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        attachments = List.copyOf(attachments);
        labels = List.copyOf(labels);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(inReplyToMessageId, "inReplyToMessageId");
    }

    public List<String> recipients() {
        return java.util.stream.Stream.of(to, cc, bcc).flatMap(List::stream).toList();
    }
}
