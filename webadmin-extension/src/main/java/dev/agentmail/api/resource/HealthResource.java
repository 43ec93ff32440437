package dev.agentmail.api.resource;

import dev.agentmail.api.ApiError;
import dev.agentmail.api.auth.RequiresPermission;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Healthy once every mail protocol accepts TCP connections; the API itself is up if it can answer.
 * Load balancers and start-up scripts poll this, so it needs no key.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission({})
public class HealthResource {
    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private final List<ProtocolEndpoint> endpoints;

    @Inject
    public HealthResource(List<ProtocolEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    public record Health(String status, Map<String, String> checks) {
    }

    @GET
    public Response health() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("api", "up");
        endpoints.forEach(endpoint -> checks.put(endpoint.name(), accepts(endpoint) ? "up" : "down"));
        List<String> down = checks.entrySet().stream().filter(e -> e.getValue().equals("down")).map(Map.Entry::getKey).toList();
        if (down.isEmpty()) {
            return Response.ok(new Health("ok", checks)).build();
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
            .entity(ApiError.of(503, "unavailable", "not accepting connections yet: " + String.join(", ", down)))
            .build();
    }

    private static boolean accepts(ProtocolEndpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
