package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

public record CreateDomainRequest(String domain, @JsonProperty("feedback_enabled") Boolean feedbackEnabled) {
}
