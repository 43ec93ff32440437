package dev.agentmail.api.resource;

import dev.agentmail.api.Idempotent;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.CreatedWebhookResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.api.dto.WebhookDeliveryResponse;
import dev.agentmail.api.dto.WebhookRequests;
import dev.agentmail.api.dto.WebhookResponse;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.WebhookService;

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
import java.util.Optional;

@Path("/api/v0/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_WEBHOOKS)
public class WebhookResource {
    private final WebhookService webhooks;

    @Inject
    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, WebhookRequests.Create request) {
        WebhookRequests.Create body = RequestBodies.required(request);
        var webhook = webhooks.create(Caller.of(security).organizationId(),
            new WebhookService.NewWebhook(body.url(), body.eventTypes(), body.inboxIds(), body.clientId()));
        return Response.status(Response.Status.CREATED).entity(CreatedWebhookResponse.of(webhook)).build();
    }

    @GET
    public PageResponse<WebhookResponse> list(@Context SecurityContext security, @QueryParam("page") String page,
                                              @QueryParam("page_size") String pageSize) {
        return PageResponse.of(webhooks.list(Caller.of(security).organizationId(), PageParams.parse(page, pageSize)),
            WebhookResponse::of);
    }

    @GET
    @Path("/{webhookId}")
    public WebhookResponse get(@Context SecurityContext security, @PathParam("webhookId") String webhookId) {
        return WebhookResponse.of(webhooks.get(Caller.of(security).organizationId(), webhookId));
    }

    @PATCH
    @Path("/{webhookId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookResponse update(@Context SecurityContext security, @PathParam("webhookId") String webhookId,
                                  WebhookRequests.Update request) {
        WebhookRequests.Update body = RequestBodies.required(request);
        return WebhookResponse.of(webhooks.update(Caller.of(security).organizationId(), webhookId,
            new WebhookService.WebhookChanges(Optional.ofNullable(body.url()), Optional.ofNullable(body.eventTypes()),
                Optional.ofNullable(body.inboxIds()), Optional.ofNullable(body.enabled()))));
    }

    @DELETE
    @Path("/{webhookId}")
    public Response delete(@Context SecurityContext security, @PathParam("webhookId") String webhookId) {
        webhooks.delete(Caller.of(security).organizationId(), webhookId);
        return Response.noContent().build();
    }

    @GET
    @Path("/{webhookId}/deliveries")
    public PageResponse<WebhookDeliveryResponse> deliveries(@Context SecurityContext security,
                                                            @PathParam("webhookId") String webhookId,
                                                            @QueryParam("page") String page,
                                                            @QueryParam("page_size") String pageSize) {
        return PageResponse.of(webhooks.deliveries(Caller.of(security).organizationId(), webhookId,
            PageParams.parse(page, pageSize)), WebhookDeliveryResponse::of);
    }

    /** Queues the delivery for an attempt now: 202, the attempt happens in the background. */
    @POST
    @Path("/{webhookId}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@Context SecurityContext security, @PathParam("webhookId") String webhookId,
                              @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(WebhookDeliveryResponse.of(
            webhooks.redeliver(Caller.of(security).organizationId(), webhookId, deliveryId))).build();
    }
}
