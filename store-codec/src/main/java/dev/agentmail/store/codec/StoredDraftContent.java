package dev.agentmail.store.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.model.DraftContent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DraftContent} as stored in a draft's row. */
record StoredDraftContent(
    @JsonProperty(value = "to", required = true) List<String> to,
    @JsonProperty(value = "cc", required = true) List<String> cc,
    @JsonProperty(value = "bcc", required = true) List<String> bcc,
    @JsonProperty(value = "replyTo", required = true) List<String> replyTo,
    @JsonProperty(value = "subject", required = true) String subject,
    @JsonProperty(value = "text", required = true) String text,
    @JsonProperty(value = "html", required = true) String html,
    @JsonProperty(value = "attachments", required = true) List<Attachment> attachments,
    @JsonProperty(value = "labels", required = true) List<String> labels,
    @JsonProperty(value = "headers", required = true) Map<String, String> headers,
    @JsonProperty(value = "inReplyToMessageId", required = true) String inReplyToMessageId) {

    record Attachment(
        @JsonProperty(value = "filename", required = true) String filename,
        @JsonProperty(value = "contentType", required = true) String contentType,
        @JsonProperty(value = "content", required = true) String content) {
    }

    static StoredDraftContent of(DraftContent content) {
        return new StoredDraftContent(content.to(), content.cc(), content.bcc(), content.replyTo(), content.subject(),
            content.text().orElse(null), content.html().orElse(null),
            content.attachments().stream()
                .map(a -> new Attachment(a.filename(), a.contentType(), a.base64Content())).toList(),
            content.labels(), content.headers(), content.inReplyToMessageId().orElse(null));
    }

    DraftContent toDomain() {
        return new DraftContent(to, cc, bcc, replyTo, subject, Optional.ofNullable(text), Optional.ofNullable(html),
            attachments.stream()
                .map(a -> new DraftContent.Attachment(a.filename(), a.contentType(), a.content())).toList(),
            labels, headers, Optional.ofNullable(inReplyToMessageId));
    }
}
