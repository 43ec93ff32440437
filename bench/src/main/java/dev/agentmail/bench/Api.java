package dev.agentmail.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST API as an agent calls it: JSON over HTTP with a bearer key. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String key;

    Api(int port, String key) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Like {@link #get} or {@link #post}, failing unless the answer is 2xx. */
    JsonNode ok(Reply reply) {
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + key);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = ServerProcess.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
