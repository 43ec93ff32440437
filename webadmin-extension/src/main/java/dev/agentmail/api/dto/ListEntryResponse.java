package dev.agentmail.api.dto;

import dev.agentmail.domain.model.ListEntry;

import java.time.Instant;
import java.util.Optional;

/** An entry as listed; {@code inbox_id} is null on an organization's own lists. */
public record ListEntryResponse(String entry, Optional<String> reason, String direction, String kind,
                                Optional<String> inboxId, Instant createdAt) {
    public static ListEntryResponse of(ListEntry entry) {
        return new ListEntryResponse(entry.entry(), entry.reason(), entry.direction().wireName(),
            entry.kind().wireName(), entry.inboxId(), entry.createdAt());
    }
}
