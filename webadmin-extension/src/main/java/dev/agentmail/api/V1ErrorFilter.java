package dev.agentmail.api;

import dev.agentmail.api.dto.V1Responses;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

/**
 * Words every error of a v1 route as {@code {"success": false, "error": "..."}}, with the status v0 would give.
 * JAX-RS binds names to filters, not to exception mappers: so the one {@link ThrowableMapper} and the auth filter
 * produce the API's {@link ApiError}, and this filter, bound to {@link V1Api} routes only, rewords it.
 */
@V1Api
public class V1ErrorFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ApiError error) {
            response.setEntity(V1Responses.Failure.of(error.message()));
        }
    }
}
