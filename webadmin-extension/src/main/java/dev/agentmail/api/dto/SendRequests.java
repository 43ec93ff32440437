package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.service.SendService;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * Bodies of the send, reply and forward calls. Address fields take a string or an array of strings, as the API
 * reference has it ({@link Addresses}); every other list, {@code labels} among them, only an array.
 */
public final class SendRequests {
    private SendRequests() {
    }

    /** Marks a list of addresses that may also be given as one string. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @JacksonAnnotationsInside
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public @interface Addresses {
    }

    public record AttachmentRequest(String filename, @JsonProperty("content_type") String contentType, String content,
                                    String url) {
        static List<SendService.Attachment> toDomain(List<AttachmentRequest> attachments) {
            return attachments == null ? null : attachments.stream()
                .map(a -> a == null ? null : new SendService.Attachment(a.filename(), a.contentType(), a.content(), a.url()))
                .toList();
        }
    }

    public record SendRequest(@Addresses List<String> to, @Addresses List<String> cc, @Addresses List<String> bcc,
                              @Addresses @JsonProperty("reply_to") List<String> replyTo, String subject, String text,
                              String html, List<String> labels, List<AttachmentRequest> attachments,
                              Map<String, String> headers) {
        public SendService.NewMessage toDomain() {
            return new SendService.NewMessage(to, cc, bcc, replyTo, subject, text, html, labels,
                AttachmentRequest.toDomain(attachments), headers);
        }
    }

    public record ReplyRequest(String text, String html, @Addresses List<String> cc, List<String> labels,
                               List<AttachmentRequest> attachments) {
        public SendService.Reply toDomain() {
            return new SendService.Reply(text, html, cc, labels, AttachmentRequest.toDomain(attachments));
        }
    }

    public record ForwardRequest(@Addresses List<String> to, @Addresses List<String> cc, String text, String html,
                                 List<String> labels) {
        public SendService.Forward toDomain() {
            return new SendService.Forward(to, cc, text, html, labels);
        }
    }

    public record SentResponse(String messageId, String threadId) {
        public static SentResponse of(SendService.Sent sent) {
            return new SentResponse(sent.messageId(), sent.threadId());
        }
    }

    /** What a send of an inbox in approval mode answers, with 202: the draft that waits. */
    public record HeldResponse(String draftId, String status) {
        public static HeldResponse of(SendService.Held held) {
            return new HeldResponse(held.draft().id(), held.draft().status().wireName());
        }
    }

    /** 200 with the sent message, or 202 with the draft held for approval. */
    public static javax.ws.rs.core.Response answer(SendService.Result result) {
        if (result instanceof SendService.Held held) {
            return javax.ws.rs.core.Response.accepted(HeldResponse.of(held)).build();
        }
        return javax.ws.rs.core.Response.ok(SentResponse.of((SendService.Sent) result)).build();
    }
}
