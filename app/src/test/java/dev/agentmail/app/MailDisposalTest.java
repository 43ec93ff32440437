package dev.agentmail.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.james.lifecycle.api.Disposable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every mail the server builds is disposed of once handled: James's leak detector, which reports a mail's buffer
 * collected undisposed as {@code Leak detected!}, stays silent through sends, replies, forwards, rejected sends,
 * inbound SMTP and submission, refused recipients included.
 */
class MailDisposalTest {
    private static final String LEAK_DETECTOR = Disposable.LeakAwareFinalizer.class.getName();

    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();
    private TestServers.RunningServer server;
    private String key;
    private ApiClient api;

    @BeforeEach
    void watchTheLeakDetector() {
        server = TestServers.shared();
        key = TestServers.newOrganization(server, "disposal");
        api = server.api(key);
        leaks.start();
        ((Logger) LoggerFactory.getLogger(LEAK_DETECTOR)).addAppender(leaks);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger(LEAK_DETECTOR)).detachAppender(leaks);
    }

    @Test
    void sentReceivedAndRefusedMailLeavesNoUndisposedBuffer() throws Exception {
        JsonNode sender = newInbox();
        JsonNode recipient = newInbox();
        String to = recipient.get("email_address").asText();
        String from = sender.get("email_address").asText();
        String sent = send(sender, "{\"to\":\"" + to + "\",\"subject\":\"Hello\",\"text\":\"hi\"}");
        // An unknown local recipient: accepted by the API, rejected (and bounced) by the pipeline.
        send(sender, "{\"to\":\"nobody-" + UUID.randomUUID() + "@" + server.config().domain()
            + "\",\"subject\":\"To no one\",\"text\":\"hi\"}");
        String path = "/api/v0/inboxes/" + sender.get("inbox_id").asText() + "/messages/" + sent;
        assertThat(api.post(path + "/reply", "{\"text\":\"again\"}").status()).isEqualTo(200);
        assertThat(api.post(path + "/reply-all", "{\"text\":\"to all\"}").status()).isEqualTo(200);
        assertThat(api.post(path + "/forward", "{\"to\":\"" + to + "\"}").status()).isEqualTo(200);

        SMTPClient inbound = MailClients.smtp(server.config().smtpPort());
        assertThat(MailClients.send(inbound, "alice@example.com", to, "inbound")).isTrue();
        assertThat(MailClients.send(inbound, "alice@example.com", "nobody@" + server.config().domain(), "refused"))
            .isFalse();
        inbound.disconnect();
        AuthenticatingSMTPClient submission = MailClients.submission(server.config().submissionPort(), from, key);
        assertThat(MailClients.send(submission, from, to, "submitted")).isTrue();
        submission.disconnect();

        String inbox = "/api/v0/inboxes/" + recipient.get("inbox_id").asText() + "/messages";
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(inbox).json().get("total").asInt() == 6);
        // The bounce of the rejected send comes back to the sender's inbox.
        String senderInbox = "/api/v0/inboxes/" + sender.get("inbox_id").asText() + "/messages?page_size=100";
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(senderInbox).json().get("data").findValuesAsText("direction")
            .contains("inbound"));

        // Buffers that became garbage undisposed are reported once collected and the detector next polls.
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(200);
            Disposable.LeakAware.track();
        }
        assertThat(leaks.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    private JsonNode newInbox() {
        ApiClient.Reply reply = api.post("/api/v0/inboxes", "{\"username\":\"disposal-"
            + UUID.randomUUID().toString().substring(0, 8) + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private String send(JsonNode from, String body) {
        ApiClient.Reply reply = api.post("/api/v0/inboxes/" + from.get("inbox_id").asText() + "/messages/send", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("message_id").asText();
    }
}
