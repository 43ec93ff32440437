package dev.agentmail.api;

import dev.agentmail.api.dto.V1Responses;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Failures Jetty answers itself keep the API's JSON error shape: errors raised while serving a request (in v1's shape
 * under {@code /api/v1}), and requests it refuses before there is a request to speak of (a malformed URI, headers too
 * large), which get v0's shape since their path is unknown.
 */
class JsonErrorHandler extends ErrorHandler {
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
        baseRequest.setHandled(true);
        ApiError error = refused(response.getStatus());
        response.setContentType("application/json");
        JsonMapper.get().writeValue(response.getOutputStream(),
            V1ErrorFilter.isV1(request.getRequestURI()) ? V1Responses.Failure.of(error.message()) : error);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        try {
            return ByteBuffer.wrap(JsonMapper.get().writeValueAsBytes(refused(status)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jetty refuses with 400 what it cannot read as HTTP, such as a path with a malformed escape ({@code %zz}). */
    private static ApiError refused(int status) {
        return status == 400
            ? ApiError.of(400, "invalid_request", "the request line or its headers are malformed")
            : ThrowableMapper.fromStatus(status);
    }
}
