package dev.agentmail.api.resource;

/** A mail protocol listener whose health the API reports, such as SMTP on 127.0.0.1:2525. */
public record ProtocolEndpoint(String name, String host, int port) {
}
