package dev.agentmail.domain.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What parsing a message yields: addresses as they appear ({@code "Name <a@b>"}), threading headers, bodies, a
 * short preview and the attachments. Anything that could not be parsed is simply absent.
 */
public record MessageContent(Optional<String> rfcMessageId, Optional<String> inReplyTo, List<String> references,
                             String subject, String from, List<String> replyTo, List<String> to, List<String> cc,
                             List<String> bcc, Optional<String> text, Optional<String> html, String preview,
                             Map<String, String> headers, List<AttachmentInfo> attachments) {
    public MessageContent {
        references = List.copyOf(references);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        headers = Map.copyOf(headers);
        attachments = List.copyOf(attachments);
    }
}
