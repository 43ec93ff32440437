package dev.agentmail.api.resource;

import dev.agentmail.api.Idempotent;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.CreateDomainRequest;
import dev.agentmail.api.dto.DomainResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.DomainService;

import javax.inject.Inject;
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

@Path("/api/v0/domains")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_DOMAINS)
public class DomainResource {
    private final DomainService domains;

    @Inject
    public DomainResource(DomainService domains) {
        this.domains = domains;
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, CreateDomainRequest request) {
        CreateDomainRequest body = RequestBodies.required(request);
        DomainResponse created = DomainResponse.of(domains.create(Caller.of(security).organizationId(),
            new DomainService.NewDomain(body.domain(), body.feedbackEnabled())));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    public PageResponse<DomainResponse> list(@Context SecurityContext security, @QueryParam("page") String page,
                                             @QueryParam("page_size") String pageSize) {
        return PageResponse.of(domains.list(Caller.of(security).organizationId(), PageParams.parse(page, pageSize)),
            DomainResponse::of);
    }

    @GET
    @Path("/{domainId}")
    public DomainResponse get(@Context SecurityContext security, @PathParam("domainId") String domainId) {
        return DomainResponse.of(domains.get(Caller.of(security).organizationId(), domainId));
    }

    @DELETE
    @Path("/{domainId}")
    public Response delete(@Context SecurityContext security, @PathParam("domainId") String domainId) {
        domains.delete(Caller.of(security).organizationId(), domainId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{domainId}/verify")
    public DomainResponse verify(@Context SecurityContext security, @PathParam("domainId") String domainId) {
        return DomainResponse.of(domains.verify(Caller.of(security).organizationId(), domainId));
    }
}
