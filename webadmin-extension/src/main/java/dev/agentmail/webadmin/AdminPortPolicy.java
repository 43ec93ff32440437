package dev.agentmail.webadmin;

import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.authentication.AuthenticationFilter;
import spark.Service;

import javax.inject.Inject;
import java.util.List;

/**
 * Rules for the whole admin port, beyond the routes James guards itself: the {@link AuthenticationFilter} also on
 * James's public routes and on unknown paths, and no CORS at all. James 3.8.1 adds CORS headers
 * ({@code Access-Control-Allow-Origin}) whatever {@code cors.enable} says, which lets any web page in the
 * operator's browser read WebAdmin's answers; they are removed from every answer here.
 */
public class AdminPortPolicy implements PublicRoutes {
    private static final List<String> CORS_HEADERS = List.of("Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers", "Access-Control-Request-Method", "Access-Control-Allow-Credentials");

    private final AuthenticationFilter authentication;

    @Inject
    public AdminPortPolicy(AuthenticationFilter authentication) {
        this.authentication = authentication;
    }

    @Override
    public String getBasePath() {
        return "/";
    }

    @Override
    public void define(Service service) {
        service.before("/*", authentication);
        // Jetty removes a header set to null; afterAfter runs after every route, halts included.
        service.afterAfter((request, response) -> CORS_HEADERS.forEach(header -> response.raw().setHeader(header, null)));
    }
}
