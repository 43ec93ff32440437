package dev.agentmail.api.resource;

import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.DraftRequest;
import dev.agentmail.api.dto.DraftResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftStatus;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.DraftService;

import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** An inbox's drafts: made, changed, sent, approved and rejected. */
@Path("/api/v0/inboxes/{inboxId}/drafts")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.READ)
public class DraftResource {
    private final DraftService drafts;

    @Inject
    public DraftResource(DraftService drafts) {
        this.drafts = drafts;
    }

    public record RejectRequest(String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.SEND)
    public Response create(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                           DraftRequest request) {
        Draft draft = drafts.create(Caller.of(security).organizationId(), inboxId,
            RequestBodies.required(request).toDomain());
        return Response.status(Response.Status.CREATED).entity(DraftResponse.of(draft)).build();
    }

    @GET
    public PageResponse<DraftResponse> list(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                            @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        return PageResponse.of(drafts.list(Caller.of(security).organizationId(), inboxId,
            PageParams.parse(page, pageSize)), DraftResponse::of);
    }

    @GET
    @Path("/{draftId}")
    public DraftResponse get(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                             @PathParam("draftId") String draftId) {
        return DraftResponse.of(drafts.get(Caller.of(security).organizationId(), inboxId, draftId));
    }

    /** A partial update: a field left out (or null) keeps its value. */
    @PATCH
    @Path("/{draftId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.SEND)
    public DraftResponse update(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                @PathParam("draftId") String draftId, DraftRequest request) {
        return DraftResponse.of(drafts.update(Caller.of(security).organizationId(), inboxId, draftId,
            RequestBodies.required(request).toDomain()));
    }

    /** Deletes the draft and its message; a scheduled send is cancelled. */
    @DELETE
    @Path("/{draftId}")
    @RequiresPermission(Permission.SEND)
    public Response delete(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                           @PathParam("draftId") String draftId) {
        drafts.delete(Caller.of(security).organizationId(), inboxId, draftId);
        return Response.noContent().build();
    }

    /** 200 when sent now; 202 when it waits (scheduled, or pending approval in approval mode). */
    @POST
    @Path("/{draftId}/send")
    @RequiresPermission(Permission.SEND)
    public Response send(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                         @PathParam("draftId") String draftId) {
        return answer(drafts.send(Caller.of(security).organizationId(), inboxId, draftId));
    }

    @POST
    @Path("/{draftId}/approve")
    @RequiresPermission(Permission.APPROVE_DRAFTS)
    public Response approve(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                            @PathParam("draftId") String draftId) {
        return answer(drafts.approve(Caller.of(security).organizationId(), inboxId, draftId));
    }

    /** The body, with an optional reason, may be left out. */
    @POST
    @Path("/{draftId}/reject")
    @RequiresPermission(Permission.APPROVE_DRAFTS)
    public DraftResponse reject(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                @PathParam("draftId") String draftId, RejectRequest request) {
        return DraftResponse.of(drafts.reject(Caller.of(security).organizationId(), inboxId, draftId,
            request == null ? null : request.reason()));
    }

    private static Response answer(Draft draft) {
        return Response.status(draft.status() == DraftStatus.SENT ? Response.Status.OK : Response.Status.ACCEPTED)
            .entity(DraftResponse.of(draft)).build();
    }
}
