package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Request records name their multi-word fields explicitly: Jackson 2.14 (James's version) cannot bind a
 * record's constructor parameters through the snake_case naming strategy.
 */
public record CreateInboxRequest(String username, String domain,
                                 @JsonProperty("display_name") String displayName,
                                 @JsonProperty("client_id") String clientId,
                                 @JsonProperty("ttl_seconds") Long ttlSeconds,
                                 @JsonProperty("send_mode") String sendMode) {
}
