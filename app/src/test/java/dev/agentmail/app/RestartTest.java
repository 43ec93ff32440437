package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Everything made through the API or received over SMTP is still there after a restart, on each persistent backend. */
class RestartTest {
    @Test
    void embeddedStorageKeepsEverythingAcrossARestart(@TempDir Path dataDir) throws Exception {
        restartKeepsEverything(dataDir, Map.of());
    }

    @Test
    void postgresStorageKeepsEverythingAcrossARestart(@TempDir Path dataDir) throws Exception {
        restartKeepsEverything(dataDir, TestServers.onNewPostgresDatabase());
    }

    private static void restartKeepsEverything(Path dataDir, Map<String, String> storage) throws Exception {
        Map<String, String> env = new HashMap<>(storage);
        // Retries every 2 s for about a minute: the delivery outlives the restart, and resumes soon after.
        env.put("AGENTMAIL_WEBHOOK_RETRY_SCHEDULE", String.join(",", java.util.Collections.nCopies(30, "2s")));
        String orgKey;
        String keptKeyId;
        String revokedKey;
        JsonNode inbox;
        int smtpPort;
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.stop();
        try (TestServers.RunningServer server = TestServers.start(dataDir, env)) {
            orgKey = TestServers.newOrganization(server, "durable");
            ApiClient api = server.api(orgKey);
            keptKeyId = api.post("/api/v0/api-keys", "{\"name\":\"kept\"}").json().get("key_id").asText();
            JsonNode revoked = api.post("/api/v0/api-keys", "{\"name\":\"revoked\"}").json();
            revokedKey = revoked.get("key").asText();
            api.delete("/api/v0/api-keys/" + revoked.get("key_id").asText());
            inbox = api.post("/api/v0/inboxes", "{\"username\":\"durable\",\"display_name\":\"Durable\",\"client_id\":\"c-1\"}").json();
            api.patch("/api/v0/inboxes/" + inbox.get("inbox_id").asText(), "{\"display_name\":\"Renamed\"}");
            // The receiver is down: the event's delivery is still pending when the server stops.
            WebhooksTest.subscribe(api, receiver, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\"]}");

            SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
            assertThat(MailClients.send(smtp, "sender@example.com", inbox.get("email_address").asText(), "Kept mail")).isTrue();
            smtp.disconnect();
            awaitSubjects(server, inbox.get("email_address").asText(), orgKey, 1);
            smtpPort = server.config().smtpPort();
        }

        env.put("AGENTMAIL_SMTP_PORT", String.valueOf(smtpPort));
        try (TestServers.RunningServer again = TestServers.start(dataDir, env)) {
            ApiClient api = again.api(orgKey);
            JsonNode org = api.get("/api/v0/organizations").json();
            assertThat(org.get("name").asText()).isEqualTo("durable");
            assertThat(org.get("inbox_count").asInt()).isEqualTo(1);

            assertThat(api.get("/api/v0/api-keys").json().get("data").findValuesAsText("key_id")).contains(keptKeyId);
            assertThat(again.api(revokedKey).get("/api/v0/organizations").status()).isEqualTo(401);

            JsonNode kept = api.get("/api/v0/inboxes/" + inbox.get("inbox_id").asText()).json();
            assertThat(kept.get("display_name").asText()).isEqualTo("Renamed");
            assertThat(kept.get("client_id").asText()).isEqualTo("c-1");
            assertThat(kept.get("created_at").asText()).isEqualTo(inbox.get("created_at").asText());

            assertThat(awaitSubjects(again, inbox.get("email_address").asText(), orgKey, 1)).containsExactly("Kept mail");
            assertThat(api.post("/api/v0/inboxes", "{\"username\":\"durable\"}").status())
                .as("the address is still taken").isEqualTo(409);

            receiver.restart();
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.verified("message.received").isEmpty());
            assertThat(receiver.verified("message.received").get(0).payload().get("message").get("subject").asText())
                .isEqualTo("Kept mail");
        } finally {
            receiver.close();
        }
    }

    private static String[] awaitSubjects(TestServers.RunningServer server, String address, String key, int count)
        throws Exception {
        try (Store store = MailClients.imap(server.config().imapPort(), address, key)) {
            Folder inbox = MailClients.openInbox(store);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
                inbox.close(false);
                inbox.open(Folder.READ_ONLY);
                return inbox.getMessageCount() >= count;
            });
            return Arrays.stream(inbox.getMessages()).map(message -> {
                try {
                    return message.getSubject();
                } catch (javax.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(String[]::new);
        }
    }
}
