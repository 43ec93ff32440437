package dev.agentmail.api.dto;

/** The body of calls that only name what they create: organizations. */
public record NameRequest(String name) {
}
