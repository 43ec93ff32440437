package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The v1 flow of api-v1.txt, with the key in X-API-Key as its examples send it. */
class V1ApiTest {
    private static TestServers.RunningServer server;
    private static String key;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        key = TestServers.newOrganization(server, "v1");
    }

    private static ApiClient.Reply call(String method, String path, String body) {
        ApiClient anonymous = server.api(null);
        var request = anonymous.request(path).header("X-API-Key", key);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return anonymous.send(request.method(method, body == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theV1FlowWorks() throws Exception {
        ApiClient.Reply created = call("POST", "/api/v1/inboxes", "{\"username\":\"v1-" + UUID.randomUUID().toString().substring(0, 8) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        String inboxId = created.json().get("data").get("id").asText();
        String address = created.json().get("data").get("email").asText();

        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        smtp.setSender("noreply@example.com");
        smtp.addRecipient(address);
        try (var data = smtp.sendMessageData()) {
            data.write("From: noreply@example.com\r\nTo: " + address + "\r\nSubject: Verify your account\r\n\r\n"
                + "Your code is 847293. It expires in 10 minutes.\r\n");
        }
        assertThat(smtp.completePendingCommand()).isTrue();
        smtp.disconnect();
        await().atMost(Duration.ofSeconds(20)).until(() ->
            call("GET", "/api/v1/inboxes/" + inboxId + "/messages", null).json().get("data").size() == 1);

        JsonNode list = call("GET", "/api/v1/inboxes/" + inboxId + "/messages", null).json();
        JsonNode message = list.get("data").get(0);
        assertThat(message.get("direction").asText()).isEqualTo("inbound");
        assertThat(message.get("from").asText()).isEqualTo("noreply@example.com");
        assertThat(message.get("to").asText()).isEqualTo(address);
        assertThat(message.get("subject").asText()).isEqualTo("Verify your account");
        assertThat(message.get("body_text").asText()).contains("847293");
        assertThat(message.has("body_html")).isTrue();
        assertThat(message.get("created_at").asText()).endsWith("Z");

        JsonNode code = call("GET", "/api/v1/inboxes/" + inboxId + "/messages/code", null).json();
        assertThat(code.get("success").asBoolean()).isTrue();
        assertThat(code.get("code").asText()).isEqualTo("847293");
        assertThat(code.get("text").asText()).isEqualTo("Your code is 847293. It expires in 10 minutes.");

        assertThat(call("GET", "/api/v1/inboxes/" + inboxId + "/messages/latest", null).json().get("data").get("id").asText())
            .isEqualTo(message.get("id").asText());
        assertThat(call("GET", "/api/v1/inboxes/" + inboxId + "/messages/" + message.get("id").asText(), null)
            .json().get("data").get("subject").asText()).isEqualTo("Verify your account");

        ApiClient.Reply sent = call("POST", "/api/v1/inboxes/" + inboxId + "/messages",
            "{\"to\":\"" + address + "\",\"subject\":\"Hello\",\"body\":\"Hi from my agent!\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().get("data").get("direction").asText()).isEqualTo("outbound");
        assertThat(sent.json().get("data").get("subject").asText()).isEqualTo("Hello");

        ApiClient.Reply deleted = call("DELETE", "/api/v1/inboxes/" + inboxId + "/messages/" + message.get("id").asText(), null);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        ApiClient.Reply gone = call("GET", "/api/v1/inboxes/" + inboxId + "/messages/" + message.get("id").asText(), null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("success").asBoolean()).isFalse();
        assertThat(gone.json().get("error").asText()).isNotBlank();
    }

    @Test
    void failuresAnswerTheV1Shape() {
        ApiClient.Reply noKey = server.api(null).get("/api/v1/inboxes");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().get("success").asBoolean()).isFalse();

        ApiClient.Reply badJson = call("POST", "/api/v1/inboxes", "{not json");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().get("success").asBoolean()).isFalse();

        ApiClient.Reply missing = call("POST", "/api/v1/inboxes/unknown/messages", "{\"to\":\"a@example.com\",\"subject\":\"s\",\"body\":\"b\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("success").asBoolean()).isFalse();

        String otherInbox = server.api(TestServers.newOrganization(server, "v1-other"))
            .post("/api/v0/inboxes", "{\"username\":\"v1o-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").json().get("inbox_id").asText();
        assertThat(call("GET", "/api/v1/inboxes/" + otherInbox + "/messages", null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/inboxes/" + otherInbox + "/messages", "{\"to\":\"a@example.com\"}").json().get("success").asBoolean()).isFalse();
    }
}
