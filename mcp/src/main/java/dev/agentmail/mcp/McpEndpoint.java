package dev.agentmail.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;

import javax.inject.Inject;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * MCP's Streamable HTTP transport at {@code /mcp}, behind the API's key filter: a POST carries one JSON-RPC
 * message; a request is answered as JSON or as a one-event SSE stream, whichever the client's Accept prefers. The
 * server sends no requests of its own, so there is no standalone GET stream (405). Calls that wait for mail suspend
 * without holding a thread, as the REST API's long-polls do. Each tool needs its own permission of the key, checked
 * when it is called.
 */
@Path("/mcp")
@RequiresPermission({})
public class McpEndpoint {
    public static final String SESSION_HEADER = "Mcp-Session-Id";
    public static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final MediaType SSE = MediaType.valueOf("text/event-stream");
    /** 2025-03-26 is the version the specification says to assume without the header: tolerated when named too. */
    private static final Set<String> VERSION_HEADER_VALUES = Set.of("2025-11-25", "2025-06-18", "2025-03-26");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpProtocol protocol;
    private final McpSessions sessions;
    private final Set<String> allowedHosts = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]", "::1"));
    private final boolean loopbackOnly;

    @Inject
    public McpEndpoint(McpProtocol protocol, McpSessions sessions, ApiServerSettings settings) {
        this.protocol = protocol;
        this.sessions = sessions;
        Optional.ofNullable(URI.create(settings.publicUrl()).getHost()).map(host -> host.toLowerCase(Locale.ROOT))
            .ifPresent(allowedHosts::add);
        allowedHosts.add(settings.bindAddress().toLowerCase(Locale.ROOT));
        this.loopbackOnly = isLoopback(settings.bindAddress());
    }

    @POST
    public void post(@Context SecurityContext security, @Context HttpHeaders headers, String body,
                     @Suspended AsyncResponse response) {
        Response now = handle(Caller.of(security).organizationId(), headers, body, response);
        if (now != null) {
            response.resume(now);
        }
    }

    /** @return the answer, or null when {@code response} is resumed later by a tool that waits */
    private Response handle(String organizationId, HttpHeaders headers, String body, AsyncResponse async) {
        Optional<Response> refused = rebindingCheck(headers);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<MediaType> answerAs = answerType(headers);
        if (answerAs.isEmpty()) {
            return failure(Response.Status.NOT_ACCEPTABLE, JsonRpc.INVALID_REQUEST,
                "Accept must include application/json or text/event-stream");
        }
        if (headers.getMediaType() == null || !headers.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return failure(Response.Status.UNSUPPORTED_MEDIA_TYPE, JsonRpc.INVALID_REQUEST,
                "a message is posted as application/json");
        }
        JsonNode message;
        try {
            message = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return failure(Response.Status.BAD_REQUEST, JsonRpc.PARSE_ERROR, "the body is not valid JSON");
        }
        if (message != null && message.isArray()) {
            return failure(Response.Status.BAD_REQUEST, JsonRpc.INVALID_REQUEST,
                "batches are not part of MCP from version 2025-06-18 on: post one message at a time");
        }
        if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").textValue())) {
            return failure(Response.Status.BAD_REQUEST, JsonRpc.INVALID_REQUEST, "not a JSON-RPC 2.0 message");
        }
        JsonNode id = message.get("id");
        JsonNode method = message.get("method");
        if (method == null) {
            // A response or error from the client: this server sends no requests, so there is nothing to match.
            return Response.accepted().build();
        }
        if (!method.isTextual() || (id != null && !id.isTextual() && !id.isIntegralNumber())) {
            return failure(Response.Status.BAD_REQUEST, JsonRpc.INVALID_REQUEST, "not a JSON-RPC 2.0 message");
        }
        if ("initialize".equals(method.textValue())) {
            if (id == null) {
                return failure(Response.Status.BAD_REQUEST, JsonRpc.INVALID_REQUEST, "initialize is a request");
            }
            String version = McpProtocol.negotiate(message.get("params"));
            McpSessions.Session session = sessions.open(organizationId, version);
            return answer(answerAs.get(), JsonRpc.result(id, protocol.initializeResult(version)))
                .header(SESSION_HEADER, session.id()).build();
        }
        String sessionId = headers.getHeaderString(SESSION_HEADER);
        if (sessionId == null) {
            return failure(Response.Status.BAD_REQUEST, JsonRpc.INVALID_REQUEST,
                "the Mcp-Session-Id header is required: initialize first");
        }
        if (sessions.use(sessionId, organizationId).isEmpty()) {
            return failure(Response.Status.NOT_FOUND, JsonRpc.INVALID_REQUEST,
                "the session is unknown or has expired: initialize again");
        }
        String version = headers.getHeaderString(VERSION_HEADER);
        if (version != null && !VERSION_HEADER_VALUES.contains(version.trim())) {
            return failure(Response.Status.BAD_REQUEST, JsonRpc.INVALID_REQUEST,
                "unsupported MCP-Protocol-Version " + version.trim() + "; supported: " + McpProtocol.VERSIONS);
        }
        if (id == null) {
            return Response.accepted().build();
        }
        try {
            protocol.answer(method.textValue(), message.get("params"), organizationId)
                .whenComplete((result, failure) -> async.resume(failure == null
                    ? answer(answerAs.get(), JsonRpc.result(id, result)).build()
                    : answer(answerAs.get(), JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "internal error")).build()));
            return null;
        } catch (JsonRpc.Failure failure) {
            return answer(answerAs.get(), JsonRpc.error(id, failure.code, failure.getMessage())).build();
        }
    }

    /** Only the server sends on a standalone stream, and this one has nothing to send unasked. */
    @GET
    public Response stream() {
        return Response.status(Response.Status.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST, DELETE").build();
    }

    @DELETE
    public Response close(@Context SecurityContext security, @Context HttpHeaders headers) {
        Optional<Response> refused = rebindingCheck(headers);
        if (refused.isPresent()) {
            return refused.get();
        }
        String sessionId = headers.getHeaderString(SESSION_HEADER);
        if (sessionId == null) {
            return failure(Response.Status.BAD_REQUEST, JsonRpc.INVALID_REQUEST, "the Mcp-Session-Id header is required");
        }
        return sessions.close(sessionId, Caller.of(security).organizationId()) ? Response.noContent().build()
            : failure(Response.Status.NOT_FOUND, JsonRpc.INVALID_REQUEST, "the session is unknown or has expired");
    }

    /**
     * DNS rebinding: a web page must not reach this server through a name of its own that resolves to us. A browser
     * sends the page's Origin; on a loopback-only server the Host must also be one of our names.
     */
    private Optional<Response> rebindingCheck(HttpHeaders headers) {
        String origin = headers.getHeaderString("Origin");
        if (origin != null && !allowedHosts.contains(hostOfOrigin(origin))) {
            return Optional.of(failure(Response.Status.FORBIDDEN, JsonRpc.INVALID_REQUEST, "origin not allowed"));
        }
        String host = headers.getHeaderString(HttpHeaders.HOST);
        if (loopbackOnly && host != null && !allowedHosts.contains(withoutPort(host))) {
            return Optional.of(failure(Response.Status.FORBIDDEN, JsonRpc.INVALID_REQUEST, "host not allowed"));
        }
        return Optional.empty();
    }

    /** JSON or SSE, in the client's order of preference (q-values first, then the order it listed them). */
    private static Optional<MediaType> answerType(HttpHeaders headers) {
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Optional.of(MediaType.APPLICATION_JSON_TYPE);
            }
            if (acceptable.isCompatible(SSE)) {
                return Optional.of(SSE);
            }
        }
        return Optional.empty();
    }

    private static Response.ResponseBuilder answer(MediaType type, ObjectNode message) {
        String json = message.toString();
        if (type.equals(SSE)) {
            return Response.ok("event: message\ndata: " + json + "\n\n", SSE).header("Cache-Control", "no-cache");
        }
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE);
    }

    private static Response failure(Response.Status status, int code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(JsonRpc.error(null, code, message).toString()).build();
    }

    private static String hostOfOrigin(String origin) {
        try {
            String host = URI.create(origin.trim()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String withoutPort(String host) {
        String value = host.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
