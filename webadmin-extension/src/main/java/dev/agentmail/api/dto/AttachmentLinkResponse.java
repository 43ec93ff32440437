package dev.agentmail.api.dto;

import dev.agentmail.domain.service.AttachmentService;

import java.time.Instant;
import java.util.Optional;

public record AttachmentLinkResponse(String attachmentId, Optional<String> filename, long size, String contentType,
                                     String contentDisposition, Optional<String> contentId, String textStatus,
                                     Optional<String> textUrl, Optional<String> text, String downloadUrl,
                                     Instant expiresAt) {
    public static AttachmentLinkResponse of(AttachmentService.Link link, String downloadUrl, TextLinks links) {
        AttachmentResponse attachment = AttachmentResponse.of(link.attachment(), link.text(), links);
        return new AttachmentLinkResponse(attachment.attachmentId(), attachment.filename(), attachment.size(),
            attachment.contentType(), attachment.contentDisposition(), attachment.contentId(), attachment.textStatus(),
            attachment.textUrl(), attachment.text(), downloadUrl, link.expiresAt());
    }
}
