package dev.agentmail.api.dto;

import dev.agentmail.api.resource.AttachmentDownloadResource;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.service.AttachmentService.TextView;

import java.util.List;
import java.util.Map;

/** Where signed attachment text links point: the public URL of the API's text route, then the token. */
public record TextLinks(String base) {
    public static final String SUFFIX = "/text";

    public static TextLinks under(String publicUrl) {
        return new TextLinks(publicUrl.replaceAll("/+$", "") + AttachmentDownloadResource.PATH + "/");
    }

    public String url(String token) {
        return base + token + SUFFIX;
    }

    /** A message's attachments with their texts; those not known are pending. */
    public List<AttachmentResponse> attachments(List<AttachmentInfo> attachments, Map<String, TextView> texts) {
        return attachments.stream()
            .map(attachment -> AttachmentResponse.of(attachment, texts.getOrDefault(attachment.id(), TextView.PENDING), this))
            .toList();
    }
}
