package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.store.jdbc.TestPostgres;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** While the database is unreachable, clients get errors they can retry on, never a silent loss. */
class DatabaseOutageTest {
    @Test
    void anUnreachableDatabaseAnswersTemporaryErrorsAndRecovers(@TempDir Path dataDir) throws Exception {
        String url = TestPostgres.newDatabase();
        Map<String, String> env = new HashMap<>(TestServers.postgresEnvironment(url));
        env.put("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY);

        try (TestServers.RunningServer server = TestServers.start(dataDir, env)) {
            ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
            JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\":\"outage\"}").json();
            String address = inbox.get("email_address").asText();

            TestPostgres.allowConnections(url, false);
            try {
                ApiClient.Reply listing = api.get("/api/v0/inboxes");
                assertThat(listing.status()).isEqualTo(503);
                assertThat(listing.json().get("error").asText()).isEqualTo("unavailable");

                SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
                boolean accepted = MailClients.send(smtp, "sender@example.com", address, "During the outage");
                assertThat(accepted).isFalse();
                assertThat(smtp.getReplyCode()).as(smtp.getReplyString()).isBetween(400, 499);
                smtp.disconnect();
            } finally {
                TestPostgres.allowConnections(url, true);
            }

            // The pool replaces its broken connections as requests come: recovery takes a moment, not a restart.
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v0/inboxes").status() == 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
                try {
                    return MailClients.send(smtp, "sender@example.com", address, "After the outage");
                } finally {
                    smtp.disconnect();
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages").json().get("data")
                    .findValuesAsText("subject").contains("After the outage"));
        }
    }
}
