package dev.agentmail.api;

/** Where the REST API listens. Port 0 picks a free port, which tests use. */
public record ApiServerSettings(String bindAddress, int port) {
}
