package dev.agentmail.api;

import dev.agentmail.domain.error.RateLimitedException;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.CompletionException;

/** Every failure leaves the API as the documented error body, never as a stack trace or an HTML page. */
public class ThrowableMapper implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable thrown) {
        // A failed future reaches AsyncResponse.resume wrapped, as the v1 calls once unwrapped it themselves.
        Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (failure instanceof WebApplicationException web) {
            Response response = web.getResponse();
            if (response.getEntity() instanceof ApiError) {
                return response;
            }
            return respond(fromStatus(response.getStatus()));
        }
        if (failure instanceof RateLimitedException limited) {
            return answer(ErrorMapping.toError(failure)).header("Retry-After", limited.retryAfterSeconds()).build();
        }
        return respond(ErrorMapping.toError(failure));
    }

    private static Response respond(ApiError error) {
        return answer(error).build();
    }

    private static Response.ResponseBuilder answer(ApiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error);
    }

    static ApiError fromStatus(int status) {
        return switch (status) {
            case 400 -> ErrorMapping.invalidJson("the request could not be read");
            case 404 -> ApiError.of(404, "not_found", "no such route");
            case 405 -> ApiError.of(405, "method_not_allowed", "this route does not support that HTTP method");
            case 406 -> ApiError.of(406, "not_acceptable", "this route answers application/json");
            case 415 -> ApiError.of(415, "unsupported_media_type", "send the body as Content-Type: application/json");
            default -> status >= 500
                ? ApiError.of(status, "internal_error", "an unexpected error occurred")
                : ApiError.of(status, "http_" + status, "the request was refused");
        };
    }
}
