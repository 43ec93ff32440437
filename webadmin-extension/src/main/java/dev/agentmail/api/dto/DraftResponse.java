package dev.agentmail.api.dto;

import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftContent;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A draft as the API shows it; attachments by name, type and size, not content. */
public record DraftResponse(String draftId, String inboxId, String status, List<String> to, List<String> cc,
                           List<String> bcc, List<String> replyTo, String subject, Optional<String> text,
                           Optional<String> html, List<DraftAttachment> attachments, List<String> labels,
                           Map<String, String> headers, Optional<String> inReplyToMessageId,
                           Optional<Instant> sendAt, Optional<String> threadId, Optional<String> messageId,
                           Optional<String> reason, Instant createdAt, Instant updatedAt) {
    public record DraftAttachment(String filename, String contentType, long size) {
        static DraftAttachment of(DraftContent.Attachment attachment) {
            return new DraftAttachment(attachment.filename(), attachment.contentType(),
                Base64.getDecoder().decode(attachment.base64Content()).length);
        }
    }

    public static DraftResponse of(Draft draft) {
        DraftContent content = draft.content();
        return new DraftResponse(draft.id(), draft.inboxId(), draft.status().wireName(), content.to(), content.cc(),
            content.bcc(), content.replyTo(), content.subject(), content.text(), content.html(),
            content.attachments().stream().map(DraftAttachment::of).toList(), content.labels(), content.headers(),
            content.inReplyToMessageId(), draft.sendAt(), draft.threadId(), draft.messageId(), draft.reason(),
            draft.createdAt(), draft.updatedAt());
    }
}
