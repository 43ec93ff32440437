package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency-Key on the real server, with GreenMail behind AGENTMAIL_SMTP_RELAY as the outside world: racing
 * repeats of one send deliver one message and answer alike, a repeat after a restart replays the stored answer, a key
 * reused for another request is refused, and organizations do not share keys.
 */
class IdempotencyTest {
    private static GreenMail outside;
    private static TestServers.RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        outside = TestServers.outsideWorld();
        server = TestServers.start(Files.createTempDirectory("agentmail-idempotency"),
            TestServers.relayingTo(outside, Map.of("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY)));
        api = server.api(TestServers.BOOTSTRAP_KEY);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        outside.stop();
    }

    @BeforeEach
    void forgetReceived() throws Exception {
        outside.purgeEmailFromAllMailboxes();
    }

    static ApiClient.Reply post(ApiClient client, String path, String key, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
            .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String newInbox(ApiClient client) {
        return client.post("/api/v0/inboxes", "{\"username\":\"idem-" + UUID.randomUUID().toString().substring(0, 8)
            + "\"}").json().get("inbox_id").asText();
    }

    private static String sendBody(String subject) {
        return "{\"to\":[\"customer@example.com\"],\"subject\":\"" + subject + "\",\"text\":\"Your order shipped.\"}";
    }

    private static long received(String subject) throws Exception {
        long count = 0;
        for (var message : outside.getReceivedMessages()) {
            count += subject.equals(message.getSubject()) ? 1 : 0;
        }
        return count;
    }

    @Test
    void twentyConcurrentIdenticalSendsDeliverOneMessageAndGiveTwentyIdenticalAnswers() throws Exception {
        String inbox = newInbox(api);
        String key = UUID.randomUUID().toString();
        int calls = 20;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        List<Future<ApiClient.Reply>> replies = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < calls; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return post(api, "/api/v0/inboxes/" + inbox + "/messages/send", key, sendBody("raced order"));
                }));
            }
            go.countDown();
            List<ApiClient.Reply> answers = new ArrayList<>();
            for (Future<ApiClient.Reply> reply : replies) {
                answers.add(reply.get());
            }
            assertThat(answers).extracting(ApiClient.Reply::status).containsOnly(200);
            assertThat(answers).extracting(ApiClient.Reply::body).containsOnly(answers.get(0).body());
            assertThat(answers.stream().filter(reply ->
                reply.raw().headers().firstValue("Idempotent-Replayed").isEmpty()).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> received("raced order") >= 1);
        // Time for a second copy to arrive, were one sent.
        Thread.sleep(3_000);
        assertThat(received("raced order")).isEqualTo(1);
        assertThat(api.get("/api/v0/inboxes/" + inbox + "/messages").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherRequestIs422AndSendsNothing() throws Exception {
        String inbox = newInbox(api);
        String key = UUID.randomUUID().toString();
        String path = "/api/v0/inboxes/" + inbox + "/messages/send";
        assertThat(post(api, path, key, sendBody("first body")).status()).isEqualTo(200);

        ApiClient.Reply other = post(api, path, key, sendBody("second body"));
        ApiClient.Reply elsewhere = post(api, "/api/v0/inboxes", key, "{\"username\":\"idem-elsewhere\"}");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("error").asText()).isEqualTo("idempotency_conflict");
        assertThat(elsewhere.status()).isEqualTo(422);
        await().atMost(Duration.ofSeconds(30)).until(() -> received("first body") == 1);
        Thread.sleep(2_000);
        assertThat(received("second body")).isZero();
        assertThat(api.get("/api/v0/inboxes/" + inbox + "/messages").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void anotherOrganizationUsingTheSameKeyIsIndependent() throws Exception {
        ApiClient other = server.api(TestServers.newOrganization(server, "idempotency-other"));
        String key = "shared-key-" + UUID.randomUUID();
        String mine = newInbox(api);
        String theirs = newInbox(other);

        ApiClient.Reply first = post(api, "/api/v0/inboxes/" + mine + "/messages/send", key, sendBody("org one"));
        ApiClient.Reply second = post(other, "/api/v0/inboxes/" + theirs + "/messages/send", key, sendBody("org two"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.json().get("message_id").asText()).isNotEqualTo(first.json().get("message_id").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> received("org one") == 1 && received("org two") == 1);
    }

    @Test
    void aKeyOfAnotherScopeGetsNoReplayOfAnotherKeysAnswer() throws Exception {
        String mine = newInbox(api);
        String theirs = newInbox(api);
        ApiClient.Reply scopedKey = api.post("/api/v0/api-keys",
            "{\"name\":\"idem-scoped\",\"inbox_ids\":[\"" + mine + "\"],\"permissions\":[\"send\",\"read\"]}");
        assertThat(scopedKey.status()).as(scopedKey.body()).isEqualTo(201);
        ApiClient scoped = server.api(scopedKey.json().get("key").asText());
        String key = UUID.randomUUID().toString();
        String path = "/api/v0/inboxes/" + theirs + "/messages/send";
        assertThat(post(api, path, key, sendBody("full key's send")).status()).isEqualTo(200);

        ApiClient.Reply reused = post(scoped, path, key, sendBody("full key's send"));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body()).doesNotContain("message_id");
        assertThat(reused.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void repeatedCreationsReplayTheirFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String body = "{\"username\":\"idem-created-" + key.substring(0, 8) + "\"}";
        ApiClient.Reply created = post(api, "/api/v0/inboxes", key, body);
        ApiClient.Reply again = post(api, "/api/v0/inboxes", key, body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(created.body());

        String webhook = "{\"url\":\"https://hooks.example.com/agentmail\",\"event_types\":[\"message.received\"]}";
        ApiClient.Reply hook = post(api, "/api/v0/webhooks", key + "-hook", webhook);
        assertThat(post(api, "/api/v0/webhooks", key + "-hook", webhook).body()).isEqualTo(hook.body());
        assertThat(api.get("/api/v0/webhooks").json().get("data").findValuesAsText("webhook_id"))
            .containsOnlyOnce(hook.json().get("webhook_id").asText());

        String inbox = created.json().get("inbox_id").asText();
        String v1Send = "{\"to\":\"customer@example.com\",\"subject\":\"v1 once\",\"body\":\"hi\"}";
        ApiClient.Reply v1 = post(api, "/api/v1/inboxes/" + inbox + "/messages", key + "-v1", v1Send);
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        assertThat(post(api, "/api/v1/inboxes/" + inbox + "/messages", key + "-v1", v1Send).body()).isEqualTo(v1.body());
        ApiClient.Reply v1Conflict = post(api, "/api/v1/inboxes/" + inbox + "/messages", key + "-v1",
            v1Send.replace("v1 once", "v1 twice"));
        assertThat(v1Conflict.status()).isEqualTo(422);
        assertThat(v1Conflict.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void aClientIdTheOrganizationUsesReturnsItsInbox() {
        String clientId = "crm-" + UUID.randomUUID();
        ApiClient.Reply created = api.post("/api/v0/inboxes", "{\"username\":\"idem-client-" + clientId.substring(4, 12)
            + "\",\"client_id\":\"" + clientId + "\"}");
        ApiClient.Reply again = api.post("/api/v0/inboxes", "{\"username\":\"idem-other-" + clientId.substring(4, 12)
            + "\",\"client_id\":\"" + clientId + "\"}");
        ApiClient.Reply v1 = api.post("/api/v1/inboxes", "{\"username\":\"idem-v1-" + clientId.substring(4, 12)
            + "\",\"client_id\":\"" + clientId + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("inbox_id").asText()).isEqualTo(created.json().get("inbox_id").asText());
        assertThat(again.json().get("email_address").asText()).isEqualTo(created.json().get("email_address").asText());
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.json().get("data").get("id").asText()).isEqualTo(created.json().get("inbox_id").asText());
    }

    /**
     * The embedded default in its own process, restarted after the first answer: the repeat replays it, sending nothing.
     * A graceful stop: after SIGKILL the spool may deliver a message it had not yet marked done a second time, which is
     * the mail pipeline's at-least-once, not a second send.
     */
    @Test
    void aRepeatAfterARestartReplaysTheStoredAnswer(@TempDir Path dataDir) throws Exception {
        Map<String, String> env = TestServers.relayingTo(outside, Map.of("AGENTMAIL_DATA_DIR", dataDir.toString(),
            "AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY));
        for (String port : List.of("AGENTMAIL_API_PORT", "AGENTMAIL_SMTP_PORT", "AGENTMAIL_SUBMISSION_PORT",
            "AGENTMAIL_IMAP_PORT", "AGENTMAIL_ADMIN_PORT", "AGENTMAIL_SUBMISSIONS_PORT", "AGENTMAIL_IMAPS_PORT")) {
            env.put(port, String.valueOf(FreePorts.next()));
        }
        Path log = dataDir.resolve("server.log");
        ApiClient forked = new ApiClient("http://127.0.0.1:" + env.get("AGENTMAIL_API_PORT"), TestServers.BOOTSTRAP_KEY);
        String key = UUID.randomUUID().toString();
        ForkedServer first = ForkedServer.start(env, log);
        String inbox;
        ApiClient.Reply sent;
        try {
            inbox = newInbox(forked);
            sent = post(forked, "/api/v0/inboxes/" + inbox + "/messages/send", key, sendBody("before the crash"));
            assertThat(sent.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> received("before the crash") == 1);
        } finally {
            first.stop();
        }

        ForkedServer second = ForkedServer.start(env, log);
        try {
            ApiClient.Reply replayed = post(forked, "/api/v0/inboxes/" + inbox + "/messages/send", key,
                sendBody("before the crash"));
            assertThat(replayed.status()).isEqualTo(200);
            assertThat(replayed.body()).isEqualTo(sent.body());
            assertThat(replayed.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
            Thread.sleep(2_000);
            assertThat(received("before the crash")).isEqualTo(1);
            assertThat(forked.get("/api/v0/inboxes/" + inbox + "/messages").json().get("total").asInt()).isEqualTo(1);
        } finally {
            second.stop();
        }
    }
}
