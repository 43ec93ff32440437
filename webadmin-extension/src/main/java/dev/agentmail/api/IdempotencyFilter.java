package dev.agentmail.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.model.IdempotencyRecord.Answer;
import dev.agentmail.domain.service.IdempotentRequests;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmail.domain.access.CallerScope;

import javax.annotation.Priority;
import javax.inject.Inject;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.WriterInterceptor;
import javax.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code Idempotency-Key} of the {@link Idempotent} routes, over {@link IdempotentRequests}. Before the resource,
 * the request's fingerprint (method, route template, path parameters, the body as canonical JSON) claims the key, or
 * the stored answer of the first call is replayed as it was sent, with {@code Idempotent-Replayed: true}. After the
 * resource, a 2xx answer is stored before it is written to the client; any other releases the key.
 */
@Idempotent
@Priority(Priorities.USER)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger LOGGER = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final String STATUS = IdempotencyFilter.class.getName() + ".status";

    private final IdempotentRequests requests;

    @Inject
    public IdempotencyFilter(IdempotentRequests requests) {
        this.requests = requests;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            return;
        }
        IdempotentRequests.validKey(HEADER, key);
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String organizationId = Caller.of(request.getSecurityContext()).organizationId();
        IdempotentRequests.Start start = requests.start(organizationId, key,
            IdempotentRequests.fingerprint(request.getMethod(), route((ExtendedUriInfo) request.getUriInfo()),
                canonicalJson(body), CallerScope.current().canonical()));
        if (start instanceof IdempotentRequests.Replay replay) {
            Answer answer = replay.answer();
            request.abortWith(Response.status(answer.status())
                .entity(answer.body().isEmpty() ? null : answer.body().getBytes(StandardCharsets.UTF_8))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(REPLAYED_HEADER, "true")
                .build());
        } else {
            request.setProperty(CLAIM, ((IdempotentRequests.Run) start).claim());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof IdempotentRequests.Claim claim)) {
            return;
        }
        int status = response.getStatus();
        if (status < 200 || status >= 300) {
            request.removeProperty(CLAIM);
            requests.abandon(claim);
        } else if (!response.hasEntity()) {
            request.removeProperty(CLAIM);
            finish(claim, new Answer(status, ""));
        } else {
            request.setProperty(STATUS, status);
        }
    }

    /** Serializes the answer into memory, stores it, then sends it: a replay is then byte for byte the same. */
    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(CLAIM) instanceof IdempotentRequests.Claim claim)) {
            context.proceed();
            return;
        }
        OutputStream client = context.getOutputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        context.setOutputStream(answer);
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            requests.abandon(claim);
            throw e;
        } finally {
            context.setOutputStream(client);
        }
        finish(claim, new Answer((Integer) context.getProperty(STATUS), answer.toString(StandardCharsets.UTF_8)));
        client.write(answer.toByteArray());
    }

    /** What was done is done: a failure to store its answer must not turn it into an error for the caller. */
    private void finish(IdempotentRequests.Claim claim, Answer answer) {
        try {
            requests.finish(claim, answer);
        } catch (RuntimeException e) {
            LOGGER.warn("Could not store the answer of an idempotent request; a retry within minutes is refused as"
                + " in progress, a later one runs again: {}", e.toString());
        }
    }

    /** The matched route's template and its parameters' values, e.g. {@code /api/v0/inboxes/{inboxId}/messages/send}. */
    private static String route(ExtendedUriInfo uri) {
        List<UriTemplate> templates = new ArrayList<>(uri.getMatchedTemplates());
        Collections.reverse(templates);
        String template = templates.stream().map(UriTemplate::getTemplate).collect(Collectors.joining());
        MultivaluedMap<String, String> parameters = uri.getPathParameters(true);
        return template + " " + new TreeMap<>(parameters);
    }

    /** The body with object members sorted and no spacing, so that a retry formatted differently is the same body. */
    static String canonicalJson(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            return canonicalJson(JsonMapper.get().readTree(body));
        } catch (IOException notJson) {
            // Refused by the resource anyway, which stores nothing: any stable form does.
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** JSON with object members sorted and no spacing; the MCP tools fingerprint their arguments so too. */
    public static String canonicalJson(JsonNode json) throws JsonProcessingException {
        return JsonMapper.get().writeValueAsString(sorted(json));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode result = JsonMapper.get().createObjectNode();
            Map<String, JsonNode> members = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                members.put(field.getKey(), sorted(field.getValue()));
            }
            result.setAll(members);
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JsonMapper.get().createArrayNode();
            array.forEach(element -> result.add(sorted(element)));
            return result;
        }
        return node;
    }
}
