package dev.agentmail.api.dto;

/** The body of calls that only name what they create: API keys, organizations. */
public record NameRequest(String name) {
}
