package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.api.OpenApiContract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A plain HTTP client for the API, as an agent would use it. Every answer it receives is checked against the
 * served OpenAPI document ({@link OpenApiContract}) before the test sees it.
 */
final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String key;
    private final OpenApiContract contract;

    ApiClient(String baseUrl, String key) {
        this(baseUrl, key, OpenApiContract.api());
    }

    private ApiClient(String baseUrl, String key, OpenApiContract contract) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.contract = contract;
    }

    /** A client of the operator routes on James WebAdmin, with the operator token if the server has one (else null). */
    static ApiClient operatorRoutes(String baseUrl, String adminToken) {
        return new ApiClient(baseUrl, adminToken, OpenApiContract.operatorRoutes());
    }

    ApiClient withKey(String otherKey) {
        return new ApiClient(baseUrl, otherKey, contract);
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply send(HttpRequest.Builder builder) {
        HttpResponse<String> response = send(builder, HttpResponse.BodyHandlers.ofString());
        contract.check(response);
        return new Reply(response.statusCode(), response.body(), response);
    }

    /** The answer as bytes, for downloads. */
    HttpResponse<byte[]> sendForBytes(HttpRequest.Builder builder) {
        HttpResponse<byte[]> response = send(builder, HttpResponse.BodyHandlers.ofByteArray());
        contract.check(response);
        return response;
    }

    /** A call that waits on the server, answered later. */
    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder builder) {
        return HTTP.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            contract.check(response);
            return response;
        });
    }

    /** An answer that stays open, such as an event stream: its status and headers are checked, not its body. */
    HttpResponse<InputStream> stream(HttpRequest.Builder builder) {
        HttpResponse<InputStream> response = send(builder, HttpResponse.BodyHandlers.ofInputStream());
        contract.checkHead(response);
        return response;
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(builder.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }
}
