package dev.agentmail.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.api.resource.HealthResource;
import dev.agentmail.api.resource.ProtocolEndpoint;
import org.junit.jupiter.api.Test;

import javax.ws.rs.core.Response;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthResourceTest {
    @Test
    void healthyWhenTheEndpointAcceptsConnections() throws Exception {
        try (ServerSocket smtp = new ServerSocket(0)) {
            Response response = new HealthResource(List.of(
                new ProtocolEndpoint("smtp", "127.0.0.1", smtp.getLocalPort()))).health();

            assertThat(response.getStatus()).isEqualTo(200);
            HealthResource.Health health = (HealthResource.Health) response.getEntity();
            assertThat(health.status()).isEqualTo("ok");
            assertThat(health.checks()).containsExactly(java.util.Map.entry("api", "up"), java.util.Map.entry("smtp", "up"));
            JsonNode json = JsonMapper.get().valueToTree(health);
            assertThat(json.get("status").asText()).isEqualTo("ok");
            assertThat(json.get("checks").get("smtp").asText()).isEqualTo("up");
        }
    }

    @Test
    void healthyWhenEveryEndpointAcceptsConnections() throws Exception {
        try (ServerSocket smtp = new ServerSocket(0); ServerSocket imap = new ServerSocket(0)) {
            Response response = new HealthResource(List.of(
                new ProtocolEndpoint("smtp", "127.0.0.1", smtp.getLocalPort()),
                new ProtocolEndpoint("imap", "127.0.0.1", imap.getLocalPort()))).health();

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(((HealthResource.Health) response.getEntity()).checks())
                .containsEntry("smtp", "up").containsEntry("imap", "up").containsEntry("api", "up");
        }
    }

    @Test
    void unavailableWhileTheEndpointIsDownNamingIt() throws Exception {
        Response response = new HealthResource(List.of(new ProtocolEndpoint("imap", "127.0.0.1", closedPort()))).health();

        assertThat(response.getStatus()).isEqualTo(503);
        ApiError error = (ApiError) response.getEntity();
        assertThat(error.status()).isEqualTo(503);
        assertThat(error.error()).isEqualTo("unavailable");
        assertThat(error.message()).contains("imap");
        assertThat(error.field()).isNull();
    }

    @Test
    void unavailableWhileAnEndpointIsDownNamingOnlyIt() throws Exception {
        int closedPort = closedPort();
        try (ServerSocket smtp = new ServerSocket(0)) {
            Response response = new HealthResource(List.of(
                new ProtocolEndpoint("smtp", "127.0.0.1", smtp.getLocalPort()),
                new ProtocolEndpoint("imap", "127.0.0.1", closedPort))).health();

            assertThat(response.getStatus()).isEqualTo(503);
            ApiError error = (ApiError) response.getEntity();
            assertThat(error.error()).isEqualTo("unavailable");
            assertThat(error.message()).contains("imap").doesNotContain("smtp");
        }
    }

    @Test
    void healthyWithNoEndpointToCheck() {
        Response response = new HealthResource(List.of()).health();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(((HealthResource.Health) response.getEntity()).checks()).containsOnlyKeys("api");
    }

    /** A port nothing listens on: bound once to learn a free one, then closed. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
