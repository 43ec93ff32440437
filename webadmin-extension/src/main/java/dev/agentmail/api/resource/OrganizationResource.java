package dev.agentmail.api.resource;

import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.OrganizationResponse;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.OrganizationService;
import dev.agentmail.domain.service.SendLimits;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

@Path("/api/v0/organizations")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.READ)
public class OrganizationResource {
    private final OrganizationService organizations;
    private final SendLimits sendLimits;

    @Inject
    public OrganizationResource(OrganizationService organizations, SendLimits sendLimits) {
        this.organizations = organizations;
        this.sendLimits = sendLimits;
    }

    @GET
    public OrganizationResponse current(@Context SecurityContext security) {
        String organizationId = Caller.of(security).organizationId();
        return OrganizationResponse.of(organizations.get(organizationId), sendLimits.status(organizationId));
    }
}
