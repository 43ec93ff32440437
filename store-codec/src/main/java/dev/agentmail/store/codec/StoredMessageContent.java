package dev.agentmail.store.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.model.MessageContent;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link MessageContent} as stored: every property is written, {@code null} where the message has none, except
 * {@code authentication}, added later and written only for mail received from outside: a row without it (all rows
 * written before it existed, and mail we did not receive from outside) reads as none.
 */
record StoredMessageContent(
    @JsonProperty(value = "rfcMessageId", required = true) String rfcMessageId,
    @JsonProperty(value = "inReplyTo", required = true) String inReplyTo,
    @JsonProperty(value = "references", required = true) List<String> references,
    @JsonProperty(value = "subject", required = true) String subject,
    @JsonProperty(value = "from", required = true) String from,
    @JsonProperty(value = "replyTo", required = true) List<String> replyTo,
    @JsonProperty(value = "to", required = true) List<String> to,
    @JsonProperty(value = "cc", required = true) List<String> cc,
    @JsonProperty(value = "bcc", required = true) List<String> bcc,
    @JsonProperty(value = "text", required = true) String text,
    @JsonProperty(value = "html", required = true) String html,
    @JsonProperty(value = "preview", required = true) String preview,
    @JsonProperty(value = "headers", required = true) Map<String, String> headers,
    @JsonProperty(value = "attachments", required = true) List<StoredAttachment> attachments,
    @JsonProperty(value = "authentication") @JsonInclude(JsonInclude.Include.NON_NULL)
    StoredAuthentication authentication) {

    StoredMessageContent {
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(cc, "cc");
        Objects.requireNonNull(bcc, "bcc");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(attachments, "attachments");
    }

    static StoredMessageContent of(MessageContent content) {
        // Headers sorted: the same message is always written the same way.
        return new StoredMessageContent(content.rfcMessageId().orElse(null), content.inReplyTo().orElse(null),
            content.references(), content.subject(), content.from(), content.replyTo(), content.to(), content.cc(),
            content.bcc(), content.text().orElse(null), content.html().orElse(null), content.preview(),
            new TreeMap<>(content.headers()), content.attachments().stream().map(StoredAttachment::of).toList(),
            content.authentication().map(StoredAuthentication::of).orElse(null));
    }

    MessageContent toDomain() {
        return new MessageContent(Optional.ofNullable(rfcMessageId), Optional.ofNullable(inReplyTo), references, subject,
            from, replyTo, to, cc, bcc, Optional.ofNullable(text), Optional.ofNullable(html), preview, headers,
            attachments.stream().map(StoredAttachment::toDomain).toList(),
            Optional.ofNullable(authentication).map(StoredAuthentication::toDomain));
    }
}
