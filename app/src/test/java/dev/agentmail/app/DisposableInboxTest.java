package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Inboxes with a time to live: they receive, never send, and are deleted with their mail when they expire. */
class DisposableInboxTest {
    @Test
    void aDisposableInboxReceivesCannotSendAndIsDeletedWhenItExpires(@TempDir Path dataDir) throws Exception {
        try (TestServers.RunningServer server = TestServers.start(dataDir, Map.of(
            "AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY, "AGENTMAIL_EXPIRY_CHECK_SECONDS", "1"))) {
            ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
            JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\":\"burner\",\"ttl_seconds\":4}").json();
            String path = "/api/v0/inboxes/" + inbox.get("inbox_id").asText();
            assertThat(Instant.parse(inbox.get("expires_at").asText()))
                .isEqualTo(Instant.parse(inbox.get("created_at").asText()).plusSeconds(4));
            assertThat(api.post("/api/v0/inboxes", "{\"username\":\"forever\"}").json().get("expires_at").isNull()).isTrue();

            SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
            assertThat(MailClients.send(smtp, "service@example.com", inbox.get("email_address").asText(), "Code 123456")).isTrue();
            smtp.disconnect();
            ApiClient.Reply send = api.post(path + "/messages/send", "{\"to\":\"someone@example.com\",\"text\":\"hi\"}");
            assertThat(send.status()).isEqualTo(403);
            assertThat(send.json().get("error").asText()).isEqualTo("forbidden");

            await().atMost(Duration.ofSeconds(20)).until(() -> api.get(path).status() == 404);
            SMTPClient after = MailClients.smtp(server.config().smtpPort());
            assertThat(after.setSender("service@example.com")).isTrue();
            assertThat(after.addRecipient(inbox.get("email_address").asText())).as("the address is gone").isFalse();
            after.disconnect();
            assertThat(api.post("/api/v0/inboxes", "{\"username\":\"x\",\"ttl_seconds\":0}").status()).isEqualTo(400);
        }
    }
}
