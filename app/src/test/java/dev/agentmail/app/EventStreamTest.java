package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v0/events: the live stream of an organization's events, with filters and resumption. */
class EventStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServers.RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        api = server.api(TestServers.newOrganization(server, "streams"));
    }

    record Event(String id, String type, JsonNode data) {
    }

    /** An SSE client reading events off one connection on its own thread. */
    static final class Stream implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final int status;
        private final InputStream body;

        Stream(HttpRequest.Builder request) throws Exception {
            HttpResponse<InputStream> response = api.stream(
                request.header("Accept", "text/event-stream").timeout(Duration.ofMinutes(2)).GET());
            status = response.statusCode();
            body = response.body();
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String type = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(id, type, JSON.readTree(data.toString())));
                        }
                        id = null;
                        type = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        }

        Event next() throws InterruptedException {
            Event event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    @Test
    void streamsEventsAsTheyHappenWithFiltersAndResumesAfterTheLastOneSeen() throws Exception {
        JsonNode watched = WebhooksTest.newInbox(api);
        JsonNode other = WebhooksTest.newInbox(api);
        String path = "/api/v0/events?event_types=message.received&inbox_ids=" + watched.get("inbox_id").asText();
        Event first;
        try (Stream stream = new Stream(api.request(path))) {
            assertThat(stream.status).isEqualTo(200);
            WebhooksTest.deliver(server.config().smtpPort(), other.get("email_address").asText(), "not watched");
            WebhooksTest.deliver(server.config().smtpPort(), watched.get("email_address").asText(), "first");
            first = stream.next();
            assertThat(first.type()).isEqualTo("message.received");
            assertThat(first.id()).isEqualTo(first.data().get("event_id").asText());
            assertThat(first.data().get("message").get("subject").asText()).isEqualTo("first");
        }

        WebhooksTest.deliver(server.config().smtpPort(), watched.get("email_address").asText(), "while away");
        try (Stream resumed = new Stream(api.request(path).header("Last-Event-ID", first.id()))) {
            Event missed = resumed.next();
            assertThat(missed.data().get("message").get("subject").asText()).isEqualTo("while away");
            WebhooksTest.deliver(server.config().smtpPort(), watched.get("email_address").asText(), "live again");
            assertThat(resumed.next().data().get("message").get("subject").asText()).isEqualTo("live again");
            assertThat(resumed.events.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void refusesUnknownFiltersAndResumptionPoints() {
        assertThat(api.get("/api/v0/events?event_types=message.nope").status()).isEqualTo(400);
        assertThat(api.get("/api/v0/events?inbox_ids=not-mine").status()).isEqualTo(400);
        ApiClient.Reply unknown = api.send(api.request("/api/v0/events").header("Last-Event-ID", "evt_unknown").GET());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("Last-Event-ID");
        assertThat(server.api("inai_wrong_key_0000000000000000000").get("/api/v0/events").status()).isEqualTo(401);
    }
}
