package dev.agentmail.api.auth;

import javax.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The organization on whose behalf a request runs, as established by {@link ApiKeyAuthFilter}. */
public record Caller(String organizationId, String keyId) implements Principal {
    @Override
    public String getName() {
        return organizationId;
    }

    public static Caller of(SecurityContext context) {
        if (context == null || !(context.getUserPrincipal() instanceof Caller caller)) {
            throw new IllegalStateException("request reached a resource without authentication");
        }
        return caller;
    }
}
