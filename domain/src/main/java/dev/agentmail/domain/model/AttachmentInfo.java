package dev.agentmail.domain.model;

import java.util.Optional;

/** What is known of an attachment without its bytes, which stay in the mailbox. */
public record AttachmentInfo(String id, Optional<String> filename, String contentType, long size,
                             String disposition, Optional<String> contentId) {
}
