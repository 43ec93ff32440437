package dev.agentmail.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.api.Idempotent;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.CreateInboxRequest;
import dev.agentmail.api.dto.InboxResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.InboxService;

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
import java.util.Iterator;
import java.util.Optional;

@Path("/api/v0/inboxes")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.READ)
public class InboxResource {
    private static final String DISPLAY_NAME = "display_name";
    private static final String SEND_MODE = "send_mode";

    private final InboxService inboxes;

    @Inject
    public InboxResource(InboxService inboxes) {
        this.inboxes = inboxes;
    }

    /** 201 with a new inbox, or 200 with the organization's inbox that has the request's client_id. */
    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_INBOXES)
    public Response create(@Context SecurityContext security, CreateInboxRequest request) {
        CreateInboxRequest body = RequestBodies.required(request);
        InboxService.Creation creation = inboxes.createOrFind(Caller.of(security).organizationId(),
            new InboxService.NewInbox(body.username(), body.domain(), body.displayName(), body.clientId(),
                body.ttlSeconds(), body.sendMode()));
        return Response.status(creation.created() ? Response.Status.CREATED : Response.Status.OK)
            .entity(InboxResponse.of(creation.inbox())).build();
    }

    @GET
    public PageResponse<InboxResponse> list(@Context SecurityContext security, @QueryParam("page") String page,
                                            @QueryParam("page_size") String pageSize) {
        return PageResponse.of(inboxes.list(Caller.of(security).organizationId(), PageParams.parse(page, pageSize)),
            InboxResponse::of);
    }

    @GET
    @Path("/{inboxId}")
    public InboxResponse get(@Context SecurityContext security, @PathParam("inboxId") String inboxId) {
        return InboxResponse.of(inboxes.get(Caller.of(security).organizationId(), inboxId));
    }

    /** A partial update: a field left out keeps its value, {@code "display_name": null} clears it. */
    @PATCH
    @Path("/{inboxId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_INBOXES)
    public InboxResponse update(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                ObjectNode request) {
        ObjectNode body = RequestBodies.required(request);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!DISPLAY_NAME.equals(name) && !SEND_MODE.equals(name)) {
                throw new InvalidInputException(name, "unknown field '" + name + "'");
            }
        }
        Optional<Optional<String>> displayName = Optional.empty();
        if (body.has(DISPLAY_NAME)) {
            JsonNode value = body.get(DISPLAY_NAME);
            if (!value.isTextual() && !value.isNull()) {
                throw new InvalidInputException(DISPLAY_NAME, "field 'display_name' has the wrong type");
            }
            displayName = Optional.of(Optional.ofNullable(value.textValue()));
        }
        Optional<String> sendMode = Optional.empty();
        if (body.has(SEND_MODE)) {
            if (!body.get(SEND_MODE).isTextual()) {
                throw new InvalidInputException(SEND_MODE, "field 'send_mode' has the wrong type");
            }
            sendMode = Optional.of(body.get(SEND_MODE).textValue());
        }
        return InboxResponse.of(inboxes.update(Caller.of(security).organizationId(), inboxId, displayName, sendMode));
    }

    @DELETE
    @Path("/{inboxId}")
    @RequiresPermission(Permission.MANAGE_INBOXES)
    public Response delete(@Context SecurityContext security, @PathParam("inboxId") String inboxId) {
        inboxes.delete(Caller.of(security).organizationId(), inboxId);
        return Response.noContent().build();
    }
}
