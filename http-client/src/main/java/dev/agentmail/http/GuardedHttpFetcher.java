package dev.agentmail.http;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.PayloadTooLargeException;
import dev.agentmail.domain.port.AttachmentFetcher;
import dev.agentmail.domain.service.TargetGuard;
import javax.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches attachment URLs over http(s) with a size cap and timeouts, through the {@link TargetGuard}. Redirects are
 * not followed: they could lead past the check.
 */
public class GuardedHttpFetcher implements AttachmentFetcher {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    private final TargetGuard guard;

    @Inject
    public GuardedHttpFetcher(TargetGuard guard) {
        this.guard = guard;
    }

    @Override
    public Fetched fetch(String field, URI url, long maxBytes) {
        guard.check(field, url);
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new InvalidInputException(field, "fetching " + url + " answered HTTP " + response.statusCode()
                        + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
                }
                byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (content.length > maxBytes) {
                    throw new PayloadTooLargeException("the file at " + url + " is larger than " + maxBytes + " bytes");
                }
                return new Fetched(content, response.headers().firstValue("Content-Type")
                    .map(type -> type.split(";", 2)[0].strip()).filter(type -> !type.isEmpty()));
            }
        } catch (IOException e) {
            throw new InvalidInputException(field, "could not fetch " + url + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException(field, "fetching " + url + " was interrupted");
        }
    }

}
