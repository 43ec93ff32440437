package dev.agentmail.api.resource;

import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.dto.LabelsRequest;
import dev.agentmail.api.dto.MessageResponse;
import dev.agentmail.api.dto.MessageSummaryResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.domain.service.MessageService;

import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

@Path("/api/v0/inboxes/{inboxId}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {
    private final MessageService messages;

    @Inject
    public MessageResource(MessageService messages) {
        this.messages = messages;
    }

    @GET
    public PageResponse<MessageSummaryResponse> list(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                                     @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        return PageResponse.of(messages.list(Caller.of(security).organizationId(), inboxId, PageParams.parse(page, pageSize)),
            MessageSummaryResponse::of);
    }

    @GET
    @Path("/{messageId}")
    public MessageResponse get(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                               @PathParam("messageId") String messageId) {
        return MessageResponse.of(messages.get(Caller.of(security).organizationId(), inboxId, messageId));
    }

    /** Replaces the message's labels; they are the message's IMAP keywords too. */
    @PATCH
    @Path("/{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MessageResponse setLabels(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                     @PathParam("messageId") String messageId, LabelsRequest request) {
        LabelsRequest body = RequestBodies.required(request);
        return MessageResponse.of(messages.setLabels(Caller.of(security).organizationId(), inboxId, messageId, body.labels()));
    }
}
