package dev.agentmail.domain.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What parsing a message yields: addresses as they appear ({@code "Name <a@b>"}), threading headers, bodies, a
 * short preview and the attachments, and for mail received from outside what our own Authentication-Results header
 * says of it. Anything that could not be parsed is simply absent.
 */
public record MessageContent(Optional<String> rfcMessageId, Optional<String> inReplyTo, List<String> references,
                             String subject, String from, List<String> replyTo, List<String> to, List<String> cc,
                             List<String> bcc, Optional<String> text, Optional<String> html, String preview,
                             Map<String, String> headers, List<AttachmentInfo> attachments,
                             Optional<Authentication> authentication) {
    public MessageContent {
        references = List.copyOf(references);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        headers = Map.copyOf(headers);
        attachments = List.copyOf(attachments);
        // Stored before inbound authentication existed, a message has no such field: none.
        authentication = authentication == null ? Optional.empty() : authentication;
    }

    /** A message without authentication results. */
    public MessageContent(Optional<String> rfcMessageId, Optional<String> inReplyTo, List<String> references,
                          String subject, String from, List<String> replyTo, List<String> to, List<String> cc,
                          List<String> bcc, Optional<String> text, Optional<String> html, String preview,
                          Map<String, String> headers, List<AttachmentInfo> attachments) {
        this(rfcMessageId, inReplyTo, references, subject, from, replyTo, to, cc, bcc, text, html, preview, headers,
            attachments, Optional.empty());
    }

    public MessageContent withAuthentication(Optional<Authentication> results) {
        return new MessageContent(rfcMessageId, inReplyTo, references, subject, from, replyTo, to, cc, bcc, text, html,
            preview, headers, attachments, results);
    }
}
