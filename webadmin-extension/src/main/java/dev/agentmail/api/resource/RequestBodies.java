package dev.agentmail.api.resource;

import dev.agentmail.api.ErrorMapping;

import javax.ws.rs.BadRequestException;
import javax.ws.rs.core.Response;

final class RequestBodies {
    private RequestBodies() {
    }

    /** An empty body reaches resources as null; the caller forgot the JSON object the route needs. */
    static <T> T required(T body) {
        if (body == null) {
            throw new BadRequestException(Response.status(400)
                .entity(ErrorMapping.invalidJson("a JSON object body is required"))
                .type("application/json")
                .build());
        }
        return body;
    }
}
