package dev.agentmail.api.resource;

import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.TextLinks;
import dev.agentmail.domain.service.AttachmentService;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Serves an attachment's exact bytes, or the text read from it, to whoever holds a valid signed link; no API key.
 * Bytes always as a download, and sandboxed, so that an HTML or SVG file cannot run in the API's origin.
 */
@Path(AttachmentDownloadResource.PATH)
@RequiresPermission({})
public class AttachmentDownloadResource {
    public static final String PATH = "/api/v0/attachments";

    private static final String MEDIA_TYPE = "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+";

    private final AttachmentService attachments;

    @Inject
    public AttachmentDownloadResource(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @GET
    @Path("/{token}")
    public Response download(@PathParam("token") String token) {
        AttachmentService.Download download = attachments.download(token);
        String type = download.attachment().contentType().matches(MEDIA_TYPE)
            ? download.attachment().contentType() : "application/octet-stream";
        String filename = download.attachment().filename().orElse(download.attachment().id());
        return Response.ok(download.content(), type)
            .header("Content-Disposition", contentDisposition(filename))
            .header("Content-Length", download.content().length)
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "sandbox")
            .header("Cache-Control", "private, no-store")
            .build();
    }

    /** The text read from the attachment, as UTF-8 plain text; the link is a text link, not a download link. */
    @GET
    @Path("/{token}" + TextLinks.SUFFIX)
    public Response text(@PathParam("token") String token) {
        return Response.ok(attachments.text(token), "text/plain; charset=utf-8")
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "sandbox")
            .header("Cache-Control", "private, no-store")
            .build();
    }

    /** RFC 6266: an ASCII fallback and the exact name in UTF-8. */
    static String contentDisposition(String filename) {
        String ascii = filename.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
