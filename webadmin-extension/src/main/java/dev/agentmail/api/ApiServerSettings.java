package dev.agentmail.api;

/** Where the REST API listens (port 0 picks a free one), and the base URL of the links it hands out. */
public record ApiServerSettings(String bindAddress, int port, String publicUrl) {
}
