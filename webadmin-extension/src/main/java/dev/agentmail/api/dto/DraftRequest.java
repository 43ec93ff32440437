package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.service.DraftService;
import dev.agentmail.domain.service.SendService;

import java.util.List;
import java.util.Map;

/** The body of creating and of changing a draft: the fields of send, and what a draft adds. */
public record DraftRequest(@SendRequests.Addresses List<String> to, @SendRequests.Addresses List<String> cc,
                           @SendRequests.Addresses List<String> bcc,
                           @SendRequests.Addresses @JsonProperty("reply_to") List<String> replyTo, String subject, String text, String html,
                           List<String> labels, List<SendRequests.AttachmentRequest> attachments,
                           Map<String, String> headers,
                           @JsonProperty("in_reply_to_message_id") String inReplyToMessageId,
                           @JsonProperty("send_at") String sendAt) {
    public DraftService.NewDraft toDomain() {
        return new DraftService.NewDraft(new SendService.NewMessage(to, cc, bcc, replyTo, subject, text, html, labels,
            SendRequests.AttachmentRequest.toDomain(attachments), headers), inReplyToMessageId, sendAt);
    }
}
