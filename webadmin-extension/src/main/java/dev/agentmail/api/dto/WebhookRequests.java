package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Bodies of the webhook calls. In an update, a field left out (or null) keeps its value. */
public final class WebhookRequests {
    private WebhookRequests() {
    }

    public record Create(String url, @JsonProperty("event_types") List<String> eventTypes,
                         @JsonProperty("inbox_ids") List<String> inboxIds,
                         @JsonProperty("client_id") String clientId) {
    }

    public record Update(String url, @JsonProperty("event_types") List<String> eventTypes,
                         @JsonProperty("inbox_ids") List<String> inboxIds, Boolean enabled) {
    }
}
