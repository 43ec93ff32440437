package dev.agentmail.webadmin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentmail.api.JsonMapper;
import org.apache.james.webadmin.authentication.AuthenticationFilter;
import spark.Request;
import spark.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static spark.Spark.halt;

/**
 * WebAdmin's authentication, bound in place of James's {@code NoAuthenticationFilter}/{@code JwtFilter}: with
 * {@code AGENTMAIL_ADMIN_TOKEN} set, every request needs {@code Authorization: Bearer <token>}, else 401 in WebAdmin's
 * error shape. Without a token (WebAdmin on loopback only) every request passes.
 */
public class AdminTokenFilter implements AuthenticationFilter {
    private static final String BEARER = "Bearer ";
    /** Set once a request has passed, so that the filter can run on every route without checking twice. */
    private static final String CHECKED = AdminTokenFilter.class.getName() + ".checked";

    private final Optional<byte[]> tokenDigest;

    public AdminTokenFilter(Optional<String> token) {
        this.tokenDigest = token.map(AdminTokenFilter::digest);
    }

    @Override
    public void handle(Request request, Response response) {
        if (tokenDigest.isEmpty() || request.attribute(CHECKED) != null) {
            return;
        }
        String authorization = request.headers("Authorization");
        if (authorization == null || !authorization.startsWith(BEARER)) {
            refuse(response, "send the operator token as 'Authorization: Bearer <AGENTMAIL_ADMIN_TOKEN>'");
        }
        // Digests of equal length, compared in constant time: neither the token nor its length leaks through timing.
        if (!MessageDigest.isEqual(tokenDigest.get(), digest(authorization.substring(BEARER.length()).trim()))) {
            refuse(response, "the operator token is not valid");
        }
        request.attribute(CHECKED, Boolean.TRUE);
    }

    private static void refuse(Response response, String message) {
        response.type("application/json");
        response.header("WWW-Authenticate", "Bearer");
        throw halt(401, webAdminError(401, "Unauthorized", message));
    }

    /** James WebAdmin's error body ({@code ErrorResponder}), whose error types have no name for 401. */
    private static String webAdminError(int status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("type", type);
        body.put("message", message);
        body.put("details", null);
        try {
            return JsonMapper.get().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
