package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhook subscriptions and their signed, at-least-once delivery to a real receiver. */
class WebhooksTest {
    private static TestServers.RunningServer server;
    private static ApiClient api;
    private static ApiClient otherOrganization;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        api = server.api(TestServers.newOrganization(server, "webhooks"));
        otherOrganization = server.api(TestServers.newOrganization(server, "webhooks-other"));
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    static JsonNode newInbox(ApiClient client) {
        ApiClient.Reply reply = client.post("/api/v0/inboxes",
            "{\"username\":\"hook-" + UUID.randomUUID().toString().substring(0, 8) + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    static void deliver(int smtpPort, String address, String subject) throws Exception {
        SMTPClient smtp = MailClients.smtp(smtpPort);
        assertThat(MailClients.send(smtp, "service@example.com", address, subject)).isTrue();
        smtp.disconnect();
    }

    /** Subscribes the receiver; returns the webhook as the create call answered it. */
    static JsonNode subscribe(ApiClient client, WebhookReceiver receiver, String body) {
        ApiClient.Reply reply = client.post("/api/v0/webhooks", body.replace("RECEIVER", receiver.url()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        receiver.trust(reply.json().get("secret").asText());
        return reply.json();
    }

    private static List<WebhookReceiver.Received> receivedFor(String eventType, String inboxId) {
        return receiver.verified(eventType).stream()
            .filter(received -> received.payload().get("message").get("inbox_id").asText().equals(inboxId)).toList();
    }

    @Test
    void aSubscribedReceiverGetsASignedMessageReceivedWithinASecondOrSo() throws Exception {
        JsonNode inbox = newInbox(api);
        String inboxId = inbox.get("inbox_id").asText();
        JsonNode webhook = subscribe(api, receiver, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\"],"
            + "\"inbox_ids\":[\"" + inboxId + "\"],\"client_id\":\"my-integration\"}");
        assertThat(webhook.get("webhook_id").asText()).startsWith("wh_");
        assertThat(webhook.get("secret").asText()).startsWith("whsec_");
        assertThat(webhook.get("enabled").asBoolean()).isTrue();
        assertThat(webhook.get("client_id").asText()).isEqualTo("my-integration");

        deliver(server.config().smtpPort(), inbox.get("email_address").asText(), "Your code is 123456");
        long accepted = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).until(() -> !receivedFor("message.received", inboxId).isEmpty());
        WebhookReceiver.Received received = receivedFor("message.received", inboxId).get(0);
        long millis = Duration.ofNanos(received.receivedAtNanos() - accepted).toMillis();
        System.out.printf("message.received reached the webhook %d ms after SMTP accepted the mail%n", millis);
        assertThat(millis).isLessThan(2_000);

        JsonNode payload = received.payload();
        assertThat(payload.get("event_id").asText()).isEqualTo(received.webhookId()).startsWith("evt_");
        assertThat(payload.get("event_type").asText()).isEqualTo("message.received");
        assertThat(payload.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode message = payload.get("message");
        assertThat(message.get("subject").asText()).isEqualTo("Your code is 123456");
        assertThat(message.get("verification_code").asText()).isEqualTo("123456");
        assertThat(message.get("thread_id").asText()).startsWith("thr_");
        assertThat(payload.has("recipients")).isFalse();
        JsonNode viaApi = api.get("/api/v0/inboxes/" + inboxId + "/messages/" + message.get("message_id").asText()).json();
        assertThat(message).isEqualTo(viaApi);
        assertThat(receiver.rejected()).isZero();

        JsonNode listed = api.get("/api/v0/webhooks/" + webhook.get("webhook_id").asText()).json();
        assertThat(listed.has("secret")).isFalse();
        JsonNode deliveries = api.get("/api/v0/webhooks/" + webhook.get("webhook_id").asText() + "/deliveries").json();
        assertThat(deliveries.get("total").asInt()).isEqualTo(1);
        JsonNode delivery = deliveries.get("data").get(0);
        assertThat(delivery.get("event_id").asText()).isEqualTo(received.webhookId());
        assertThat(delivery.get("status").asText()).isEqualTo("delivered");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(204);

        ApiClient.Reply redeliver = api.post("/api/v0/webhooks/" + webhook.get("webhook_id").asText() + "/deliveries/"
            + delivery.get("delivery_id").asText() + "/redeliver", "");
        assertThat(redeliver.status()).as(redeliver.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedFor("message.received", inboxId).size() == 2);
        assertThat(receivedFor("message.received", inboxId).get(1).webhookId()).isEqualTo(received.webhookId());
    }

    @Test
    void eventsSentWhileTheReceiverIsDownArriveWhenItIsBack() throws Exception {
        try (WebhookReceiver flaky = new WebhookReceiver()) {
            JsonNode inbox = newInbox(api);
            String inboxId = inbox.get("inbox_id").asText();
            String webhookId = subscribe(api, flaky, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\"],"
                + "\"inbox_ids\":[\"" + inboxId + "\"]}").get("webhook_id").asText();
            flaky.stop();
            for (int i = 0; i < 3; i++) {
                deliver(server.config().smtpPort(), inbox.get("email_address").asText(), "While down " + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<JsonNode> attempts = api.get("/api/v0/webhooks/" + webhookId + "/deliveries").json().get("data")
                    .findValues("attempts");
                return attempts.size() == 3 && attempts.stream().allMatch(count -> count.asInt() >= 2);
            });
            JsonNode pending = api.get("/api/v0/webhooks/" + webhookId + "/deliveries").json().get("data").get(0);
            assertThat(pending.get("status").asText()).isEqualTo("pending");
            assertThat(pending.get("last_error").asText()).isNotBlank();
            assertThat(pending.get("next_attempt_at").isNull()).isFalse();

            flaky.restart();
            flaky.failNext(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> flaky.verified().size() >= 3);
            assertThat(flaky.verified()).extracting(received -> received.payload().get("message").get("subject").asText())
                .containsExactlyInAnyOrder("While down 0", "While down 1", "While down 2");
            assertThat(api.get("/api/v0/webhooks/" + webhookId + "/deliveries").json().get("data").findValuesAsText("status"))
                .containsOnly("delivered");
        }
    }

    @Test
    void aSlowReceiverHoldsUpNeitherMailNorOtherReceivers() throws Exception {
        ApiClient organization = server.api(TestServers.newOrganization(server, "slow-receivers"));
        try (WebhookReceiver slow = new WebhookReceiver(); WebhookReceiver fast = new WebhookReceiver()) {
            slow.answerAfter(Duration.ofSeconds(8));
            subscribe(organization, slow, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\"]}");
            subscribe(organization, fast, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\"]}");
            JsonNode inbox = newInbox(organization);

            long start = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                deliver(server.config().smtpPort(), inbox.get("email_address").asText(), "Busy " + i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> fast.verified().size() == 6);
            assertThat(organization.get("/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages").json()
                .get("total").asInt()).isEqualTo(6);
            System.out.printf("6 mails taken and told to the fast receiver in %d ms while the slow one sat on its events%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
            assertThat(slow.verified().size()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void filtersAndDisablingDecideWhatAReceiverGets() throws Exception {
        try (WebhookReceiver filtered = new WebhookReceiver()) {
            JsonNode watched = newInbox(api);
            JsonNode other = newInbox(api);
            String webhookId = subscribe(api, filtered, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.sent\"],"
                + "\"inbox_ids\":[\"" + watched.get("inbox_id").asText() + "\"]}").get("webhook_id").asText();

            deliver(server.config().smtpPort(), watched.get("email_address").asText(), "received, not wanted");
            send(other, "from the other inbox");
            send(watched, "wanted");
            await().atMost(Duration.ofSeconds(10)).until(() -> !filtered.verified().isEmpty());
            Thread.sleep(1_000);
            assertThat(filtered.verified()).extracting(WebhookReceiver.Received::eventType).containsExactly("message.sent");
            assertThat(filtered.verified().get(0).payload().get("message").get("subject").asText()).isEqualTo("wanted");

            ApiClient.Reply disabled = api.patch("/api/v0/webhooks/" + webhookId, "{\"enabled\":false}");
            assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
            assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
            assertThat(disabled.json().get("event_types").get(0).asText()).isEqualTo("message.sent");
            send(watched, "after disabling");
            Thread.sleep(1_500);
            assertThat(filtered.verified()).hasSize(1);

            assertThat(api.delete("/api/v0/webhooks/" + webhookId).status()).isEqualTo(204);
            assertThat(api.get("/api/v0/webhooks/" + webhookId).status()).isEqualTo(404);
        }
    }

    private static void send(JsonNode inbox, String subject) {
        ApiClient.Reply reply = api.post("/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages/send",
            "{\"to\":[\"someone@" + server.config().domain() + "\"],\"subject\":\"" + subject + "\",\"text\":\"hi\"}");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
    }

    @Test
    void subscriptionsAreCheckedAndPrivateToTheirOrganization() {
        JsonNode inbox = newInbox(api);
        JsonNode foreignInbox = newInbox(otherOrganization);
        assertBadRequest("{\"url\":\"http://127.0.0.1:9/x\",\"event_types\":[\"message.exploded\"]}", "event_types");
        assertBadRequest("{\"url\":\"http://127.0.0.1:9/x\",\"event_types\":[]}", "event_types");
        assertBadRequest("{\"url\":\"ftp://example.com/x\",\"event_types\":[\"message.sent\"]}", "url");
        assertBadRequest("{\"url\":\"not a url\",\"event_types\":[\"message.sent\"]}", "url");
        assertBadRequest("{\"url\":\"http://127.0.0.1:9/x\\r\\nX-Evil: 1\",\"event_types\":[\"message.sent\"]}", "url");
        assertBadRequest("{\"event_types\":[\"message.sent\"]}", "url");
        assertBadRequest("{\"url\":\"http://127.0.0.1:9/x\",\"event_types\":[\"message.sent\"],\"inbox_ids\":[\""
            + foreignInbox.get("inbox_id").asText() + "\"]}", "inbox_ids");
        assertThat(api.post("/api/v0/webhooks", "{\"url\":\"http://127.0.0.1:9/x\",\"event_types\":[42]}")
            .status()).isEqualTo(400);

        String webhookId = api.post("/api/v0/webhooks", "{\"url\":\"http://127.0.0.1:9/x\",\"event_types\":"
            + "[\"message.sent\",\"domain.verified\"],\"inbox_ids\":[\"" + inbox.get("inbox_id").asText() + "\"]}")
            .json().get("webhook_id").asText();
        assertThat(otherOrganization.get("/api/v0/webhooks/" + webhookId).status()).isEqualTo(404);
        assertThat(otherOrganization.patch("/api/v0/webhooks/" + webhookId, "{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(otherOrganization.get("/api/v0/webhooks/" + webhookId + "/deliveries").status()).isEqualTo(404);
        assertThat(otherOrganization.delete("/api/v0/webhooks/" + webhookId).status()).isEqualTo(404);
        assertThat(otherOrganization.get("/api/v0/webhooks").json().get("data").findValuesAsText("webhook_id"))
            .doesNotContain(webhookId);
        assertThat(api.get("/api/v0/webhooks").json().get("data").findValuesAsText("webhook_id")).contains(webhookId);
        assertThat(api.patch("/api/v0/webhooks/" + webhookId, "{\"enabled\":\"yes\"}").status()).isEqualTo(400);
        assertThat(api.patch("/api/v0/webhooks/" + webhookId, "{\"secret\":\"mine\"}").status()).isEqualTo(400);
        assertThat(api.get("/api/v0/webhooks?page_size=100000").status()).isEqualTo(400);
        ApiClient.Reply unknown = api.get("/api/v0/webhooks/wh_unknown");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
    }

    private static void assertBadRequest(String body, String field) {
        ApiClient.Reply reply = api.post("/api/v0/webhooks", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains(field);
    }
}
