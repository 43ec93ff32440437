package dev.agentmail.api.resource;

import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.api.Idempotent;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.TextLinks;
import dev.agentmail.api.dto.V1Requests;
import dev.agentmail.api.dto.V1Responses.Data;
import dev.agentmail.api.dto.V1Responses.Done;
import dev.agentmail.api.dto.V1Responses;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.model.Wait;
import dev.agentmail.domain.service.AttachmentService;
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
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The second, simpler API of api-v1.txt over the same inboxes: every answer is {@code {"success": true, ...}} or
 * {@code {"success": false, "error": "..."}} (see {@link dev.agentmail.api.V1ErrorFilter}), and messages have flat
 * {@code body_text}/{@code body_html} fields. Bodies declare no {@code @Consumes}: a body that is not JSON then fails
 * after routing, and answers 415.
 */
@Path("/api/v1/inboxes")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.READ)
public class V1Resource {
    private final InboxService inboxes;
    private final MessageService messages;
    private final SendService sending;
    private final AttachmentService attachments;
    private final TextLinks textLinks;

    @Inject
    public V1Resource(InboxService inboxes, MessageService messages, SendService sending, AttachmentService attachments,
                      ApiServerSettings settings) {
        this.inboxes = inboxes;
        this.messages = messages;
        this.sending = sending;
        this.attachments = attachments;
        this.textLinks = TextLinks.under(settings.publicUrl());
    }

    @GET
    public Data<List<V1Responses.Inbox>> listInboxes(@Context SecurityContext security, @QueryParam("page") String page,
                                                     @QueryParam("page_size") String pageSize) {
        return Data.of(inboxes.list(Caller.of(security).organizationId(), PageParams.parse(page, pageSize))
            .data().stream().map(V1Responses.Inbox::of).toList());
    }

    /** 201 with a new inbox, or 200 with the organization's inbox that has the request's client_id. */
    @POST
    @Idempotent
    @RequiresPermission(Permission.MANAGE_INBOXES)
    public Response createInbox(@Context SecurityContext security, V1Requests.CreateInbox request) {
        InboxService.Creation creation = inboxes.createOrFind(Caller.of(security).organizationId(),
            RequestBodies.required(request).toDomain());
        return Response.status(creation.created() ? Response.Status.CREATED : Response.Status.OK)
            .entity(Data.of(V1Responses.Inbox.of(creation.inbox()))).build();
    }

    @GET
    @Path("/{id}")
    public Data<V1Responses.Inbox> getInbox(@Context SecurityContext security, @PathParam("id") String inboxId) {
        return Data.of(V1Responses.Inbox.of(inboxes.get(Caller.of(security).organizationId(), inboxId)));
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission(Permission.MANAGE_INBOXES)
    public Done deleteInbox(@Context SecurityContext security, @PathParam("id") String inboxId) {
        inboxes.delete(Caller.of(security).organizationId(), inboxId);
        return Done.DONE;
    }

    @GET
    @Path("/{id}/messages")
    public Data<List<V1Responses.Message>> listMessages(@Context SecurityContext security, @PathParam("id") String inboxId,
                                                        @QueryParam("page") String page,
                                                        @QueryParam("page_size") String pageSize) {
        return Data.of(messages.list(Caller.of(security).organizationId(), inboxId, PageParams.parse(page, pageSize))
            .data().stream().map(this::message).toList());
    }

    @GET
    @Path("/{id}/messages/latest")
    public void latest(@Context SecurityContext security, @PathParam("id") String inboxId,
                       @Suspended AsyncResponse response) {
        MessageResource.resume(response, messages.latestInbound(Caller.of(security).organizationId(), inboxId,
                Optional.empty(), Wait.NONE), message -> Data.of(message(message)), Duration.ZERO, null,
            "no message has been received", null);
    }

    @GET
    @Path("/{id}/messages/code")
    public void code(@Context SecurityContext security, @PathParam("id") String inboxId,
                     @Suspended AsyncResponse response) {
        MessageResource.resume(response, messages.latestWithCode(Caller.of(security).organizationId(), inboxId,
                Optional.empty(), Wait.NONE), V1Responses.Code::of, Duration.ZERO, null,
            "no received message has a verification code", null);
    }

    @GET
    @Path("/{id}/messages/{mid}")
    public Data<V1Responses.Message> getMessage(@Context SecurityContext security, @PathParam("id") String inboxId,
                                                @PathParam("mid") String messageId) {
        return Data.of(message(messages.get(Caller.of(security).organizationId(), inboxId, messageId)));
    }

    private V1Responses.Message message(StoredMessage message) {
        return V1Responses.Message.of(message, attachments.texts(message), textLinks);
    }

    @POST
    @Idempotent
    @Path("/{id}/messages")
    @RequiresPermission(Permission.SEND)
    public Response send(@Context SecurityContext security, @PathParam("id") String inboxId, V1Requests.Send request) {
        V1Requests.Send body = RequestBodies.required(request);
        SendService.Result result = sending.send(Caller.of(security).organizationId(), inboxId, body.toDomain());
        if (result instanceof SendService.Held held) {
            return Response.accepted(Data.of(V1Responses.Held.of(held))).build();
        }
        return Response.status(Response.Status.CREATED)
            .entity(Data.of(V1Responses.Sent.of((SendService.Sent) result, body.to(), body.subject()))).build();
    }

    @DELETE
    @Path("/{id}/messages/{mid}")
    @RequiresPermission(Permission.MANAGE_INBOXES)
    public Done deleteMessage(@Context SecurityContext security, @PathParam("id") String inboxId,
                              @PathParam("mid") String messageId) {
        messages.delete(Caller.of(security).organizationId(), inboxId, messageId);
        return Done.DONE;
    }
}
