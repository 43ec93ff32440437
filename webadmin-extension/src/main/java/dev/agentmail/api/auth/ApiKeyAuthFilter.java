package dev.agentmail.api.auth;

import dev.agentmail.api.ApiError;
import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.service.ApiKeyService;
import dev.agentmail.domain.service.LoginThrottle;

import javax.annotation.Priority;
import javax.inject.Inject;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Every API route but the public ones needs {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. Wrong keys
 * count against the client's address in the {@link LoginThrottle}; while it is locked out, keys from there are not
 * even looked at: 429 with {@code Retry-After}.
 */
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthFilter implements ContainerRequestFilter {
    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";
    private static final Set<String> PUBLIC_PATHS = Set.of("health", "api/v0/openapi.json");
    /** Signed download links carry their own authorization. */
    private static final String PUBLIC_PREFIX = "api/v0/attachments/";

    private final ApiKeyService apiKeys;
    private final LoginThrottle throttle;
    /** Jersey's proxy to the request being filtered; behind a reverse proxy this is the proxy's address. */
    @Context
    private HttpServletRequest servletRequest;

    @Inject
    public ApiKeyAuthFilter(ApiKeyService apiKeys, LoginThrottle throttle) {
        this.apiKeys = apiKeys;
        this.throttle = throttle;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true).replaceAll("^/+|/+$", "");
        if (PUBLIC_PATHS.contains(path) || path.startsWith(PUBLIC_PREFIX)) {
            return;
        }
        Optional<String> presented = presentedKey(request);
        String address = servletRequest.getRemoteAddr();
        Optional<Duration> locked = presented.flatMap(ignored -> throttle.lockedOut(address));
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            request.abortWith(refusal(429, "too_many_requests",
                "too many requests with a wrong API key from your address: retry after " + seconds + " seconds")
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .build());
            return;
        }
        Optional<ApiKey> key = presented.flatMap(apiKeys::authenticate);
        if (key.isEmpty()) {
            presented.ifPresent(ignored -> throttle.failed(address));
            request.abortWith(refusal(401, "unauthorized",
                "a valid API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build());
            return;
        }
        Caller caller = new Caller(key.get().organizationId(), key.get().id());
        CallerScope.bind(key.get().scope());
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

    /** The API's {@link ApiError}; on v1 routes the {@code V1ErrorFilter} rewords it. */
    private static Response.ResponseBuilder refusal(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(status, error, message));
    }

    private static Optional<String> presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        return Optional.ofNullable(request.getHeaderString(API_KEY_HEADER)).map(String::trim);
    }
}
