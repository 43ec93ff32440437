package dev.agentmail.api.dto;

import dev.agentmail.domain.model.AttachmentInfo;

import java.util.Optional;

public record AttachmentResponse(String attachmentId, Optional<String> filename, long size, String contentType,
                                 String contentDisposition, Optional<String> contentId) {
    public static AttachmentResponse of(AttachmentInfo attachment) {
        return new AttachmentResponse(attachment.id(), attachment.filename(), attachment.size(), attachment.contentType(),
            attachment.disposition(), attachment.contentId());
    }
}
