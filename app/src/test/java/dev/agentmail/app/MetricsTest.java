package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.mail.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /metrics on the admin port of a running server, scraped before and after real traffic (mail in over SMTP, a
 * send through the API, webhook posts that succeed and fail, open IMAP and SMTP sessions), and checked by
 * Prometheus's own {@code promtool check metrics}.
 */
class MetricsTest {
    private static final String ADMIN_TOKEN = "metrics-token-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServers.RunningServer server;
    private static String key;
    private static ApiClient api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startServer() {
        // One quick retry: a webhook that never answers is given up within a second.
        server = TestServers.start(Map.of("AGENTMAIL_ADMIN_TOKEN", ADMIN_TOKEN,
            "AGENTMAIL_WEBHOOK_RETRY_SCHEDULE", "200ms"));
        key = TestServers.newOrganization(server, "metrics");
        api = server.api(key);
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        server.close();
    }

    @Test
    void theTokenGuardsTheMetrics() throws Exception {
        assertThat(scrape(Optional.empty()).statusCode()).isEqualTo(401);
        assertThat(scrape(Optional.of("Bearer " + ADMIN_TOKEN + "x")).statusCode()).isEqualTo(401);
        HttpResponse<String> refused = scrape(Optional.of(ADMIN_TOKEN));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("agentmail_");

        HttpResponse<String> scraped = scrape(Optional.of("Bearer " + ADMIN_TOKEN));
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/plain").contains("version=0.0.4");
    }

    @Test
    void theKeySeriesMoveWithTrafficAndPromtoolAcceptsThem() throws Exception {
        String before = metrics();
        WebhooksTest.subscribe(api, receiver, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\"]}");
        receiver.failNext(1);
        // Port 9 (discard) is closed on loopback: every post there fails, and is given up after its one retry.
        assertThat(api.post("/api/v0/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\",\"event_types\":[\"message.sent\"]}")
            .status()).isEqualTo(201);
        JsonNode sender = WebhooksTest.newInbox(api);
        JsonNode recipient = WebhooksTest.newInbox(api);

        WebhooksTest.deliver(server.config().smtpPort(), sender.get("email_address").asText(), "Mail in");
        ApiClient.Reply sent = api.post("/api/v0/inboxes/" + sender.get("inbox_id").asText() + "/messages/send",
            "{\"to\":[\"" + recipient.get("email_address").asText() + "\"],\"subject\":\"Out\",\"text\":\"hello\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        ApiClient.Reply refused = api.post("/api/v0/inboxes/" + sender.get("inbox_id").asText() + "/messages/send",
            "{\"to\":[\"nobody-here@" + server.config().domain() + "\"],\"subject\":\"To no one\",\"text\":\"hi\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String after = metrics();
            // The mail in, the local delivery of the send, and the bounce of the send to no one back to the sender.
            assertIncrease(before, after, "agentmail_mail_total{event=\"received\"}", 3);
            assertIncrease(before, after, "agentmail_mail_total{event=\"sent\"}", 2);
            assertIncrease(before, after, "agentmail_mail_total{event=\"delivered\"}", 1);
            assertIncrease(before, after, "agentmail_mail_total{event=\"rejected\"}", 1);
            assertIncrease(before, after, "agentmail_mail_delivery_latency_seconds_count", 1);
            assertIncrease(before, after, "agentmail_webhook_attempts_seconds_count{outcome=\"delivered\"}", 3);
            assertIncrease(before, after, "agentmail_webhook_attempts_seconds_count{outcome=\"retrying\"}", 3);
            assertIncrease(before, after, "agentmail_webhook_attempts_seconds_count{outcome=\"failed\"}", 2);
            assertThat(value(after, "agentmail_webhook_deliveries_pending")).isZero();
        });

        // GC pauses are timed from the first collection's notification on: make sure one happened (same JVM). One
        // System.gc() once failed to show up within 10 s on a busy CI machine, so collect again until one has.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            System.gc();
            return metrics().contains("# TYPE jvm_gc_pause_seconds");
        });
        String after = metrics();
        assertThat(value(after, "agentmail_mail_total{event=\"bounced\"}")).isNotNegative();
        assertThat(series(after, "agentmail_spool_depth")).hasSize(2)
            .anyMatch(line -> line.startsWith("agentmail_spool_depth{queue=\"spool\"} "))
            .anyMatch(line -> line.startsWith("agentmail_spool_depth{queue=\"outgoing\"} "));
        assertThat(value(after, "agentmail_spool_depth")).isNotNegative();
        // Route templates and statuses, never the ids of the paths called.
        assertThat(series(after, "agentmail_api_requests_seconds_count"))
            .anyMatch(line -> line.contains("uri=\"/api/v0/inboxes/{inboxId}/messages/send\"")
                && line.contains("status=\"200\"") && line.contains("method=\"POST\""))
            .anyMatch(line -> line.contains("uri=\"/api/v0/inboxes\"") && line.contains("status=\"201\""));
        assertThat(after).doesNotContain(sender.get("inbox_id").asText());
        assertThat(series(after, "agentmail_api_requests_seconds_bucket")).isNotEmpty();
        assertThat(series(after, "jvm_memory_used_bytes")).anyMatch(line -> line.contains("area=\"heap\""));
        assertThat(after).contains("# TYPE jvm_gc_pause_seconds", "# TYPE jvm_gc_memory_allocated_bytes_total");
        // James's own Dropwizard metrics, bridged.
        assertThat(after).contains("# TYPE james_smtp_commands_total");

        checkWithPromtool(after);
    }

    @Test
    void openImapAndSmtpSessionsAreCounted() throws Exception {
        JsonNode inbox = WebhooksTest.newInbox(api);
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        Store imap = MailClients.imap(server.config().imapPort(), inbox.get("email_address").asText(), key);
        try {
            String open = metrics();
            assertThat(value(open, "james_smtp_connections")).isGreaterThanOrEqualTo(1);
            assertThat(value(open, "james_imap_connections")).isGreaterThanOrEqualTo(1);
        } finally {
            imap.close();
            smtp.disconnect();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String closed = metrics();
            assertThat(value(closed, "james_smtp_connections")).isZero();
            assertThat(value(closed, "james_imap_connections")).isZero();
        });
    }

    /**
     * Debian's {@code prometheus} package has promtool; {@code ./agentmail test} installs it. Only where it cannot be
     * installed (not root) is the check skipped, and said so.
     */
    private static void checkWithPromtool(String scrape) throws Exception {
        Optional<Path> promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        if (promtool.isEmpty()) {
            boolean root = "root".equals(System.getProperty("user.name"));
            assertThat(root).as("promtool is missing: apt-get install prometheus (./agentmail test does)").isFalse();
            Assumptions.abort("promtool is missing and cannot be installed without root: "
                + "the scrape was not checked with 'promtool check metrics'");
        }
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("promtool check metrics:\n" + output).isZero();
    }

    private static String metrics() throws IOException, InterruptedException {
        HttpResponse<String> reply = scrape(Optional.of("Bearer " + ADMIN_TOKEN));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    private static HttpResponse<String> scrape(Optional<String> authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.config().adminPort() + "/metrics"));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Stream<String> series(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    /** The value of one series, given as its name and labels as far as they tell it apart; 0 when absent. */
    private static double value(String scrape, String series) {
        String prefix = series.endsWith("}") ? series.substring(0, series.length() - 1) : series;
        return scrape.lines().filter(line -> !line.startsWith("#"))
            .filter(line -> line.startsWith(prefix + " ") || line.startsWith(prefix + (series.endsWith("}") ? "" : "{")))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum();
    }

    private static void assertIncrease(String before, String after, String series, int expected) {
        assertThat(value(after, series) - value(before, series)).as(series).isEqualTo(expected);
    }
}
