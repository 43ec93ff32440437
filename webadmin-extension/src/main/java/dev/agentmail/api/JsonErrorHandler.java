package dev.agentmail.api;

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
 * Failures Jetty answers itself keep the API's JSON error shape: errors raised while serving a request, and
 * requests it refuses before any handler sees them (a malformed URI, headers too large).
 */
class JsonErrorHandler extends ErrorHandler {
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
        baseRequest.setHandled(true);
        ApiError error = ThrowableMapper.fromStatus(response.getStatus());
        response.setContentType("application/json");
        JsonMapper.get().writeValue(response.getOutputStream(), error);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        try {
            return ByteBuffer.wrap(JsonMapper.get().writeValueAsBytes(ThrowableMapper.fromStatus(status)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
