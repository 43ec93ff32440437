package dev.agentmail.api.resource;

import dev.agentmail.api.Idempotent;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.ApiKeyResponse;
import dev.agentmail.api.dto.CreateApiKeyRequest;
import dev.agentmail.api.dto.CreatedApiKeyResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.ApiKeyService;

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
import java.util.Optional;

@Path("/api/v0/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_KEYS)
public class ApiKeyResource {
    private final ApiKeyService apiKeys;

    @Inject
    public ApiKeyResource(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, CreateApiKeyRequest request) {
        CreateApiKeyRequest body = RequestBodies.required(request);
        return Response.status(Response.Status.CREATED)
            .entity(CreatedApiKeyResponse.of(apiKeys.create(Caller.of(security).organizationId(), body.name(),
                Optional.ofNullable(body.inboxIds()), Optional.ofNullable(body.permissions()))))
            .build();
    }

    @GET
    public PageResponse<ApiKeyResponse> list(@Context SecurityContext security, @QueryParam("page") String page,
                                             @QueryParam("page_size") String pageSize) {
        return PageResponse.of(apiKeys.list(Caller.of(security).organizationId(), PageParams.parse(page, pageSize)),
            ApiKeyResponse::of);
    }

    @DELETE
    @Path("/{keyId}")
    public Response revoke(@Context SecurityContext security, @PathParam("keyId") String keyId) {
        apiKeys.revoke(Caller.of(security).organizationId(), keyId);
        return Response.noContent().build();
    }
}
