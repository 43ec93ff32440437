package dev.agentmail.api;

import dev.agentmail.api.dto.V1Responses;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

/**
 * Words every error under {@code /api/v1} as {@code {"success": false, "error": "..."}}, with the status v0 would
 * give. JAX-RS binds names to filters, not to exception mappers: so the one {@link ThrowableMapper} and the auth
 * filter produce the API's {@link ApiError}, and this filter rewords it. It goes by the path rather than by a name
 * binding, which would leave out the paths no v1 route matches.
 */
public class V1ErrorFilter implements ContainerResponseFilter {
    private static final String V1 = "/api/v1";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ApiError error && isV1(request.getUriInfo().getRequestUri().getRawPath())) {
            response.setEntity(V1Responses.Failure.of(error.message()));
        }
    }

    /** Whether a raw request path is the v1 API's, whose errors take its shape. */
    static boolean isV1(String rawPath) {
        return rawPath != null && (rawPath.equals(V1) || rawPath.startsWith(V1 + "/"));
    }
}
