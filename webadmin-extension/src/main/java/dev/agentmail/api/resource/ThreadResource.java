package dev.agentmail.api.resource;

import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.api.dto.ThreadResponse;
import dev.agentmail.api.dto.ThreadSummaryResponse;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.MessageService;

import javax.inject.Inject;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

@Path("/api/v0/inboxes/{inboxId}/threads")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.READ)
public class ThreadResource {
    private final MessageService messages;

    @Inject
    public ThreadResource(MessageService messages) {
        this.messages = messages;
    }

    @GET
    public PageResponse<ThreadSummaryResponse> list(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                                    @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        return PageResponse.of(messages.listThreads(Caller.of(security).organizationId(), inboxId,
            PageParams.parse(page, pageSize)), ThreadSummaryResponse::of);
    }

    @GET
    @Path("/{threadId}")
    public ThreadResponse get(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                              @PathParam("threadId") String threadId) {
        return ThreadResponse.of(inboxId, threadId,
            messages.getThread(Caller.of(security).organizationId(), inboxId, threadId));
    }

    /** Deletes the thread's messages from the mailbox too, so IMAP clients see them gone. */
    @DELETE
    @Path("/{threadId}")
    @RequiresPermission(Permission.MANAGE_INBOXES)
    public Response delete(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                           @PathParam("threadId") String threadId) {
        messages.deleteThread(Caller.of(security).organizationId(), inboxId, threadId);
        return Response.noContent().build();
    }
}
