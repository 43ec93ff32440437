package dev.agentmail.api.dto;

import dev.agentmail.domain.service.AttachmentService;

import java.time.Instant;
import java.util.Optional;

public record AttachmentLinkResponse(String attachmentId, Optional<String> filename, long size, String contentType,
                                     String contentDisposition, Optional<String> contentId, String downloadUrl,
                                     Instant expiresAt) {
    public static AttachmentLinkResponse of(AttachmentService.Link link, String downloadUrl) {
        var attachment = link.attachment();
        return new AttachmentLinkResponse(attachment.id(), attachment.filename(), attachment.size(),
            attachment.contentType(), attachment.disposition(), attachment.contentId(), downloadUrl, link.expiresAt());
    }
}
