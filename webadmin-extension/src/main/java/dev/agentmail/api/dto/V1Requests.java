package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.service.InboxService;
import dev.agentmail.domain.service.SendService;

import java.util.List;

/** Bodies of the v1 calls. Unlike v0, v1 ignores fields it does not know, as it always has. */
public final class V1Requests {
    private V1Requests() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreateInbox(String username, String domain, @JsonProperty("display_name") String displayName,
                              @JsonProperty("client_id") String clientId,
                              @JsonProperty("ttl_seconds") Long ttlSeconds,
                              @JsonProperty("send_mode") String sendMode) {
        public InboxService.NewInbox toDomain() {
            return new InboxService.NewInbox(username, domain, displayName, clientId, ttlSeconds, sendMode);
        }
    }

    /** One recipient, a subject and a text body are required; {@code html} is optional. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Send(String to, String subject, String body, String html) {
        public SendService.NewMessage toDomain() {
            return new SendService.NewMessage(List.of(required(to, "to")), null, null, null, required(subject, "subject"),
                required(body, "body"), html, null, null, null);
        }
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }
}
