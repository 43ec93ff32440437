package dev.agentmail.api.resource;

import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.ListEntryRequest;
import dev.agentmail.api.dto.ListEntryResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.ListService;
import dev.agentmail.domain.service.ListService.ListName;

import javax.ws.rs.Consumes;
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
import java.util.Optional;

/**
 * The routes of one owner's allow and block lists; {@link ListResource} serves the organization's, {@link
 * InboxListResource} an inbox's (whose path names {@code inboxId}).
 */
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_LISTS)
public abstract class ListRoutes {
    private final ListService lists;

    ListRoutes(ListService lists) {
        this.lists = lists;
    }

    @GET
    public PageResponse<ListEntryResponse> list(@Context SecurityContext security,
                                                @PathParam("inboxId") String inboxId,
                                                @PathParam("direction") String direction,
                                                @PathParam("kind") String kind, @QueryParam("page") String page,
                                                @QueryParam("page_size") String pageSize) {
        return PageResponse.of(lists.list(name(security, inboxId, direction, kind), PageParams.parse(page, pageSize)),
            ListEntryResponse::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                        @PathParam("direction") String direction, @PathParam("kind") String kind,
                        ListEntryRequest request) {
        ListName list = name(security, inboxId, direction, kind);
        ListEntryRequest body = RequestBodies.required(request);
        return Response.status(Response.Status.CREATED)
            .entity(ListEntryResponse.of(lists.add(list, body.entry(), body.reason()))).build();
    }

    @DELETE
    @Path("/{entry}")
    public Response remove(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                           @PathParam("direction") String direction, @PathParam("kind") String kind,
                           @PathParam("entry") String entry) {
        lists.remove(name(security, inboxId, direction, kind), entry);
        return Response.noContent().build();
    }

    private ListName name(SecurityContext security, String inboxId, String direction, String kind) {
        return lists.name(Caller.of(security).organizationId(), Optional.ofNullable(inboxId), direction, kind);
    }
}
