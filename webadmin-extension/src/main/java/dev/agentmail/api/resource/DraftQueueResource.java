package dev.agentmail.api.resource;

import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.DraftResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.DraftService;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** The organization's drafts across its inboxes; {@code ?status=pending_approval} is the approval queue. */
@Path("/api/v0/drafts")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.READ)
public class DraftQueueResource {
    private final DraftService drafts;

    @Inject
    public DraftQueueResource(DraftService drafts) {
        this.drafts = drafts;
    }

    @GET
    public PageResponse<DraftResponse> list(@Context SecurityContext security, @QueryParam("status") String status,
                                            @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        return PageResponse.of(drafts.listByStatus(Caller.of(security).organizationId(), status,
            PageParams.parse(page, pageSize)), DraftResponse::of);
    }
}
