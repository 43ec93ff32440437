package dev.agentmail.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A scheduled draft is stored: it goes out on time after the server was stopped and started again in between. */
class ScheduledDraftRestartTest {
    private static final String KEY = "inai_scheduled_restart_key_0123456789";

    @Test
    void aScheduledDraftSurvivesARestartAndGoesOutOnTime(@TempDir Path dataDir) throws Exception {
        GreenMail outside = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        outside.start();
        try {
            Map<String, String> env = new HashMap<>();
            env.put("AGENTMAIL_DATA_DIR", dataDir.toString());
            env.put("AGENTMAIL_BOOTSTRAP_KEY", KEY);
            env.put("AGENTMAIL_SMTP_RELAY", "127.0.0.1:" + outside.getSmtp().getPort());
            env.put("AGENTMAIL_SMTP_RELAY_TLS", "none");
            for (String port : new String[]{"API", "SMTP", "SUBMISSION", "IMAP", "SUBMISSIONS", "IMAPS", "ADMIN"}) {
                env.put("AGENTMAIL_" + port + "_PORT", String.valueOf(FreePorts.next()));
            }
            Path log = dataDir.resolve("server.log");
            ApiClient api = new ApiClient("http://127.0.0.1:" + env.get("AGENTMAIL_API_PORT"), KEY);

            Instant starting = Instant.now();
            ForkedServer server = ForkedServer.start(env, log);
            Duration start = Duration.between(starting, Instant.now());
            String inboxId = api.post("/api/v0/inboxes", "{\"username\":\"later\"}").json().get("inbox_id").asText();
            // Far enough ahead that the stop and the restart are over first, as long as this machine took to start
            // the server (twice, and a margin), rather than a fixed time that a quick machine would sit out.
            Instant sendAt = Instant.now().plus(start.multipliedBy(2)).plusSeconds(15);
            String draftId = api.post("/api/v0/inboxes/" + inboxId + "/drafts", "{\"to\":\"friend@example.net\","
                    + "\"subject\":\"Scheduled\",\"text\":\"on time\",\"send_at\":\"" + sendAt + "\"}")
                .json().get("draft_id").asText();
            server.stop();

            ForkedServer restarted = ForkedServer.start(env, log);
            try {
                assertThat(outside.getReceivedMessages()).as("nothing before its time").isEmpty();
                assertThat(Instant.now()).as("the restart took less than the wait").isBefore(sendAt);
                assertThat(api.get("/api/v0/inboxes/" + inboxId + "/drafts/" + draftId).json().get("status").asText())
                    .isEqualTo("scheduled");
                // Within 5 s of its time, or of the restart should that have taken longer.
                Duration untilDue = Duration.between(Instant.now(), sendAt);
                await().atMost((untilDue.isNegative() ? Duration.ZERO : untilDue).plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> outside.getReceivedMessages().length > 0);
                Instant arrived = Instant.now();
                assertThat(arrived).isAfterOrEqualTo(sendAt);
                Thread.sleep(2_000);
                MimeMessage[] received = outside.getReceivedMessages();
                assertThat(Arrays.stream(received).filter(message -> {
                    try {
                        return "Scheduled".equals(message.getSubject());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).hasSize(1);
                assertThat(api.get("/api/v0/inboxes/" + inboxId + "/drafts/" + draftId).json().get("status").asText())
                    .isEqualTo("sent");
            } finally {
                restarted.stop();
            }
        } finally {
            outside.stop();
        }
    }
}
