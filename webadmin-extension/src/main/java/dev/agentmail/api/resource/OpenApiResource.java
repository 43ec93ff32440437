package dev.agentmail.api.resource;

import dev.agentmail.api.auth.RequiresPermission;


import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3 document kept beside the code (openapi.json); a test checks it names every route. */
@Path("/api/v0/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission({})
public class OpenApiResource {
    public static final String DOCUMENT = "/openapi.json";
    private final byte[] document = load();

    @GET
    public byte[] document() {
        return document;
    }

    private static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
