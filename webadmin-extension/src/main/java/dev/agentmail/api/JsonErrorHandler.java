package dev.agentmail.api;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Failures Jetty answers itself (a malformed URI, a header too large) keep the API's JSON error shape. */
class JsonErrorHandler extends ErrorHandler {
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
        baseRequest.setHandled(true);
        ApiError error = ThrowableMapper.fromStatus(response.getStatus());
        response.setContentType("application/json");
        JsonMapper.get().writeValue(response.getOutputStream(), error);
    }
}
