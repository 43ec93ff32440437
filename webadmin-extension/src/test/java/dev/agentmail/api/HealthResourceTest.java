package dev.agentmail.api;

import dev.agentmail.api.resource.HealthResource;
import dev.agentmail.api.resource.ProtocolEndpoint;
import org.junit.jupiter.api.Test;

import javax.ws.rs.core.Response;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthResourceTest {
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
    void unavailableWhileAnEndpointIsDownNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
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
}
