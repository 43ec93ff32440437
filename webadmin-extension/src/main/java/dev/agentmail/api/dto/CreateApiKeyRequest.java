package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A key's name and, optionally, the inboxes it reaches and the permissions it holds (null: all of them). Multi-word
 * fields are named explicitly, as in {@link CreateInboxRequest}.
 */
public record CreateApiKeyRequest(String name, @JsonProperty("inbox_ids") List<String> inboxIds,
                                  List<String> permissions) {
}
