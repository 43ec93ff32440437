package dev.agentmail.api.dto;

/** The body of POST …/lists/:direction/:kind. */
public record ListEntryRequest(String entry, String reason) {
}
