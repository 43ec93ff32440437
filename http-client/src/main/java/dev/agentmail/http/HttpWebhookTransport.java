package dev.agentmail.http;

import dev.agentmail.domain.port.WebhookTransport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** Webhook posts on the JDK's HTTP client. Redirects are not followed: they could lead past the target guard. */
public class HttpWebhookTransport implements WebhookTransport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    @Override
    public Result post(URI url, Map<String, String> headers, String body, Duration timeout) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "agentmail-webhooks");
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
            return new Answered(response.statusCode());
        } catch (HttpTimeoutException e) {
            return new TimedOut();
        } catch (IOException e) {
            return new Failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
