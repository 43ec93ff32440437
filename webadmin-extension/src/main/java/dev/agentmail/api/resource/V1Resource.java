package dev.agentmail.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.api.ApiError;
import dev.agentmail.api.ErrorMapping;
import dev.agentmail.api.JsonMapper;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.service.InboxService;
import dev.agentmail.domain.service.MessageService;
import dev.agentmail.domain.service.SendService;

import javax.inject.Inject;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The second, simpler API of api-v1.txt over the same inboxes: every answer is {@code {"success": true, ...}} or
 * {@code {"success": false, "error": "..."}}, and messages have flat {@code body_text}/{@code body_html} fields.
 */
@Path("/api/v1/inboxes")
@Produces(MediaType.APPLICATION_JSON)
public class V1Resource {
    private final InboxService inboxes;
    private final MessageService messages;
    private final SendService sending;

    @Inject
    public V1Resource(InboxService inboxes, MessageService messages, SendService sending) {
        this.inboxes = inboxes;
        this.messages = messages;
        this.sending = sending;
    }

    @GET
    public Response listInboxes(@Context SecurityContext security, @QueryParam("page") String page,
                                @QueryParam("page_size") String pageSize) {
        return answer(() -> data(inboxes.list(Caller.of(security).organizationId(), PageParams.parse(page, pageSize))
            .data().stream().map(V1Resource::inbox).toList()));
    }

    @POST
    public Response createInbox(@Context SecurityContext security, String body) {
        return answer(() -> {
            JsonNode request = object(body);
            Inbox inbox = inboxes.create(Caller.of(security).organizationId(), new InboxService.NewInbox(
                text(request, "username"), text(request, "domain"), text(request, "display_name"), text(request, "client_id"),
                request.hasNonNull("ttl_seconds") ? seconds(request.get("ttl_seconds")) : null));
            return Response.status(201).entity(data(inbox(inbox)).getEntity()).build();
        });
    }

    @GET
    @Path("/{id}")
    public Response getInbox(@Context SecurityContext security, @PathParam("id") String inboxId) {
        return answer(() -> data(inbox(inboxes.get(Caller.of(security).organizationId(), inboxId))));
    }

    @DELETE
    @Path("/{id}")
    public Response deleteInbox(@Context SecurityContext security, @PathParam("id") String inboxId) {
        return answer(() -> {
            inboxes.delete(Caller.of(security).organizationId(), inboxId);
            return success(Map.of());
        });
    }

    @GET
    @Path("/{id}/messages")
    public Response listMessages(@Context SecurityContext security, @PathParam("id") String inboxId,
                                 @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        return answer(() -> data(messages.list(Caller.of(security).organizationId(), inboxId, PageParams.parse(page, pageSize))
            .data().stream().map(V1Resource::message).toList()));
    }

    @GET
    @Path("/{id}/messages/latest")
    public Response latest(@Context SecurityContext security, @PathParam("id") String inboxId) {
        return answer(() -> data(message(messages.latestInbound(Caller.of(security).organizationId(), inboxId,
                Optional.empty(), Duration.ZERO).join()
            .orElseThrow(() -> new NotFoundException("no message has been received")))));
    }

    @GET
    @Path("/{id}/messages/code")
    public Response code(@Context SecurityContext security, @PathParam("id") String inboxId) {
        return answer(() -> {
            StoredMessage message = messages.latestWithCode(Caller.of(security).organizationId(), inboxId,
                    Optional.empty(), Duration.ZERO).join()
                .orElseThrow(() -> new NotFoundException("no received message has a verification code"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", message.analysis().code().orElse(null));
            body.put("text", message.analysis().codeSentence().orElse(null));
            body.put("link", message.analysis().link().orElse(null));
            body.put("message_id", message.id());
            return success(body);
        });
    }

    @GET
    @Path("/{id}/messages/{mid}")
    public Response getMessage(@Context SecurityContext security, @PathParam("id") String inboxId,
                               @PathParam("mid") String messageId) {
        return answer(() -> data(message(messages.get(Caller.of(security).organizationId(), inboxId, messageId))));
    }

    /** Send: {@code to}, {@code subject}, {@code body} (text) and optional {@code html}. */
    @POST
    @Path("/{id}/messages")
    public Response send(@Context SecurityContext security, @PathParam("id") String inboxId, String body) {
        return answer(() -> {
            JsonNode request = object(body);
            String to = required(request, "to");
            String subject = required(request, "subject");
            SendService.Sent sent = sending.send(Caller.of(security).organizationId(), inboxId, new SendService.NewMessage(
                List.of(to), null, null, null, subject, required(request, "body"), text(request, "html"), null, null, null));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", sent.messageId());
            data.put("thread_id", sent.threadId());
            data.put("direction", "outbound");
            data.put("to", to);
            data.put("subject", subject);
            return Response.status(201).entity(data(data).getEntity()).build();
        });
    }

    @DELETE
    @Path("/{id}/messages/{mid}")
    public Response deleteMessage(@Context SecurityContext security, @PathParam("id") String inboxId,
                                  @PathParam("mid") String messageId) {
        return answer(() -> {
            messages.delete(Caller.of(security).organizationId(), inboxId, messageId);
            return success(Map.of());
        });
    }

    private static Map<String, Object> inbox(Inbox inbox) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", inbox.id());
        out.put("email", inbox.emailAddress());
        out.put("username", inbox.username());
        out.put("domain", inbox.domain());
        out.put("display_name", inbox.displayName().orElse(null));
        out.put("created_at", inbox.createdAt());
        out.put("expires_at", inbox.expiresAt().orElse(null));
        return out;
    }

    private static Map<String, Object> message(StoredMessage message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", message.id());
        out.put("inbox_id", message.inboxId());
        out.put("thread_id", message.threadId());
        out.put("direction", message.direction().wireName());
        out.put("from", message.content().from());
        out.put("to", String.join(", ", message.content().to()));
        out.put("subject", message.content().subject());
        out.put("body_text", message.content().text().orElse(null));
        out.put("body_html", message.content().html().orElse(null));
        out.put("authentication", message.content().authentication().orElse(null));
        out.put("created_at", message.timestamp());
        return out;
    }

    private static Response data(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return Response.ok(body).build();
    }

    private static Response success(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.putAll(fields);
        return Response.ok(body).build();
    }

    /** Failures answer {"success": false, "error": "..."} with the same status as in v0. */
    static Response answer(Supplier<Response> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Throwable failure = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            ApiError error = ErrorMapping.toError(failure);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", false);
            body.put("error", error.message());
            return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }

    private static JsonNode object(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JsonMapper.get().readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(null, "the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidInputException(null, "the request body is not valid JSON");
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static Long seconds(JsonNode value) {
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new InvalidInputException("ttl_seconds", "ttl_seconds must be a whole number of seconds");
        }
        return value.asLong();
    }

    private static String required(JsonNode request, String field) {
        String value = text(request, field);
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }
}
