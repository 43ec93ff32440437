package dev.agentmail.api.auth;

import dev.agentmail.api.ApiError;
import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.service.ApiKeyService;

import javax.annotation.Priority;
import javax.inject.Inject;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

/** Every API route but the public ones needs {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. */
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthFilter implements ContainerRequestFilter {
    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";
    private static final Set<String> PUBLIC_PATHS = Set.of("health", "api/v0/openapi.json");
    /** Signed download links carry their own authorization. */
    private static final String PUBLIC_PREFIX = "api/v0/attachments/";

    private final ApiKeyService apiKeys;

    @Inject
    public ApiKeyAuthFilter(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true).replaceAll("^/+|/+$", "");
        if (PUBLIC_PATHS.contains(path) || path.startsWith(PUBLIC_PREFIX)) {
            return;
        }
        Optional<ApiKey> key = presentedKey(request).flatMap(apiKeys::authenticate);
        if (key.isEmpty()) {
            String message = "a valid API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'";
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(401, "unauthorized", message))
                .build());
            return;
        }
        Caller caller = new Caller(key.get().organizationId(), key.get().id());
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private static Optional<String> presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        return Optional.ofNullable(request.getHeaderString(API_KEY_HEADER)).map(String::trim);
    }
}
