package dev.agentmail.api.dto;

import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.service.AttachmentService.TextView;

import java.util.Optional;

/**
 * An attachment's metadata and its text: {@code text_status}, once ready a signed {@code text_url} serving it as
 * plain text, and {@code text} itself when short.
 */
public record AttachmentResponse(String attachmentId, Optional<String> filename, long size, String contentType,
                                 String contentDisposition, Optional<String> contentId, String textStatus,
                                 Optional<String> textUrl, Optional<String> text) {
    public static AttachmentResponse of(AttachmentInfo attachment, TextView text, TextLinks links) {
        return new AttachmentResponse(attachment.id(), attachment.filename(), attachment.size(), attachment.contentType(),
            attachment.disposition(), attachment.contentId(), text.status().wire(), text.textToken().map(links::url),
            text.inlineText());
    }
}
