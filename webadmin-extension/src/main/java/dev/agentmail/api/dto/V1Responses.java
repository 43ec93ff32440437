package dev.agentmail.api.dto;

import dev.agentmail.domain.model.Authentication;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.service.AttachmentService.TextView;
import dev.agentmail.domain.service.SendService;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Answers of the v1 API: {@code {"success": true, ...}} or {@code {"success": false, "error": "..."}}. */
public final class V1Responses {
    private V1Responses() {
    }

    public record Data<T>(boolean success, T data) {
        public static <T> Data<T> of(T data) {
            return new Data<>(true, data);
        }
    }

    /** What a deletion answers. */
    public record Done(boolean success) {
        public static final Done DONE = new Done(true);
    }

    public record Failure(boolean success, String error) {
        public static Failure of(String error) {
            return new Failure(false, error);
        }
    }

    public record Code(boolean success, String code, String text, String link, String messageId) {
        public static Code of(StoredMessage message) {
            return new Code(true, message.analysis().code().orElse(null), message.analysis().codeSentence().orElse(null),
                message.analysis().link().orElse(null), message.id());
        }
    }

    public record Inbox(String id, String email, String username, String domain, String displayName, Instant createdAt,
                        Instant expiresAt, String sendMode) {
        public static Inbox of(dev.agentmail.domain.model.Inbox inbox) {
            return new Inbox(inbox.id(), inbox.emailAddress(), inbox.username(), inbox.domain(),
                inbox.displayName().orElse(null), inbox.createdAt(), inbox.expiresAt().orElse(null),
                inbox.sendMode().wireName());
        }
    }

    /**
     * Flat {@code body_text}/{@code body_html}, the recipients as one comma-separated string, for mail received
     * from outside what our SMTP server found of its SPF, DKIM and DMARC ({@code null} otherwise), and the
     * attachments with their text as in v0.
     */
    public record Message(String id, String inboxId, String threadId, String direction, String from, String to,
                          String subject, String bodyText, String bodyHtml, Authentication authentication,
                          List<AttachmentResponse> attachments, Instant createdAt) {
        public static Message of(StoredMessage message, Map<String, TextView> texts, TextLinks links) {
            return new Message(message.id(), message.inboxId(), message.threadId(), message.direction().wireName(),
                message.content().from(), String.join(", ", message.content().to()), message.content().subject(),
                message.content().text().orElse(null), message.content().html().orElse(null),
                message.content().authentication().orElse(null), links.attachments(message.content().attachments(), texts),
                message.timestamp());
        }
    }

    public record Sent(String id, String threadId, String direction, String to, String subject) {
        public static Sent of(SendService.Sent sent, String to, String subject) {
            return new Sent(sent.messageId(), sent.threadId(), "outbound", to, subject);
        }
    }

    /** A send of an inbox in approval mode: nothing left, the draft waits. */
    public record Held(String draftId, String status) {
        public static Held of(SendService.Held held) {
            return new Held(held.draft().id(), held.draft().status().wireName());
        }
    }
}
