package dev.agentmail.http;

import com.sun.net.httpserver.HttpServer;
import dev.agentmail.domain.port.WebhookTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HttpWebhookTransportTest {
    private final HttpWebhookTransport transport = new HttpWebhookTransport();
    private final BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
    private HttpServer receiver;
    private String base;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/ok", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + exchange.getRequestHeaders().getFirst("webhook-id") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        receiver.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void postsTheJsonWithTheGivenHeadersAndReportsTheStatus() throws Exception {
        WebhookTransport.Result result = transport.post(URI.create(base + "/ok"), Map.of("webhook-id", "evt_1"),
            "{\"a\":1}", Duration.ofSeconds(5));

        assertThat(result).isEqualTo(new WebhookTransport.Answered(204));
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("POST application/json evt_1 {\"a\":1}");
    }

    @Test
    void redirectsAreReportedNotFollowed() throws Exception {
        assertThat(transport.post(URI.create(base + "/moved"), Map.of(), "{}", Duration.ofSeconds(5)))
            .isEqualTo(new WebhookTransport.Answered(302));
        assertThat(received).isEmpty();
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeOut() throws Exception {
        assertThat(transport.post(URI.create(base + "/slow"), Map.of(), "{}", Duration.ofMillis(200)))
            .isEqualTo(new WebhookTransport.TimedOut());
    }

    @Test
    void aReceiverThatIsNotListeningIsAFailureNamingWhy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookTransport.Result result = transport.post(URI.create("http://127.0.0.1:" + closedPort + "/"), Map.of(),
            "{}", Duration.ofSeconds(5));

        assertThat(result).isInstanceOf(WebhookTransport.Failed.class);
        assertThat(((WebhookTransport.Failed) result).reason()).startsWith("ConnectException");
    }
}
