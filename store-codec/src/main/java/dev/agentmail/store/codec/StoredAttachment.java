package dev.agentmail.store.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.model.AttachmentInfo;

import java.util.Objects;
import java.util.Optional;

/** {@link AttachmentInfo} as stored inside a message's content. */
record StoredAttachment(
    @JsonProperty(value = "id", required = true) String id,
    @JsonProperty(value = "filename", required = true) String filename,
    @JsonProperty(value = "contentType", required = true) String contentType,
    @JsonProperty(value = "size", required = true) long size,
    @JsonProperty(value = "disposition", required = true) String disposition,
    @JsonProperty(value = "contentId", required = true) String contentId) {

    StoredAttachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(disposition, "disposition");
    }

    static StoredAttachment of(AttachmentInfo attachment) {
        return new StoredAttachment(attachment.id(), attachment.filename().orElse(null), attachment.contentType(),
            attachment.size(), attachment.disposition(), attachment.contentId().orElse(null));
    }

    AttachmentInfo toDomain() {
        return new AttachmentInfo(id, Optional.ofNullable(filename), contentType, size, disposition,
            Optional.ofNullable(contentId));
    }
}
