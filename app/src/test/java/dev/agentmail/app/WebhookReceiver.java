package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on loopback, as a customer would run one: it checks each request's signature with the
 * Standard Webhooks reference library (not our code), answers 204 to verified ones and keeps them, and 401 to others.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String webhookId, JsonNode payload, long receivedAtNanos) {
        String eventType() {
            return payload.get("event_type").asText();
        }
    }

    private final int port;
    private final List<Received> verified = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private volatile long answerDelayMillis;
    private volatile Webhook verifier;
    private HttpServer server;

    WebhookReceiver() {
        this(0);
    }

    private WebhookReceiver(int port) {
        this.port = start(port);
    }

    private int start(int wanted) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    /** The signing secret the create call returned. */
    void trust(String secret) {
        try {
            verifier = new Webhook(secret);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Answers the next {@code count} verified requests with 503, as a receiver in trouble would. */
    void failNext(int count) {
        failuresToAnswer.set(count);
    }

    /** Takes this long over every answer, as an overloaded receiver would. */
    void answerAfter(java.time.Duration delay) {
        answerDelayMillis = delay.toMillis();
    }

    void stop() {
        server.stop(0);
    }

    /** Starts listening again on the same port, as a receiver back from an outage. */
    void restart() {
        start(port);
    }

    List<Received> verified() {
        return new ArrayList<>(verified);
    }

    List<Received> verified(String eventType) {
        return verified.stream().filter(received -> received.eventType().equals(eventType)).toList();
    }

    int rejected() {
        return rejected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (answerDelayMillis > 0) {
                try {
                    Thread.sleep(answerDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            try {
                verifier.verify(body, headers);
            } catch (Exception e) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (failuresToAnswer.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            verified.add(new Received(headers.get("webhook-id").get(0), JSON.readTree(body), System.nanoTime()));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
