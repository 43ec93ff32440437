package dev.agentmail.api.dto;

import java.util.List;
import java.util.Optional;

/** A key's name and, optionally, the inboxes it reaches and the permissions it holds (all when left out). */
public record CreateApiKeyRequest(String name, List<String> inboxIds, List<String> permissions) {
    public Optional<List<String>> scopedInboxIds() {
        return Optional.ofNullable(inboxIds);
    }

    public Optional<List<String>> scopedPermissions() {
        return Optional.ofNullable(permissions);
    }
}
