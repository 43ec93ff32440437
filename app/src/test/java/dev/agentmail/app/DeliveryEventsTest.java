package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Writer;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * message.delivered, rejected, bounced and complained, as the mail pipeline finds them: local delivery, an unknown
 * local recipient, and a DSN or an ARF report sent back over SMTP about a message we sent.
 */
class DeliveryEventsTest {
    private static TestServers.RunningServer server;
    private static ApiClient api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void subscribe() {
        server = TestServers.shared();
        api = server.api(TestServers.newOrganization(server, "outcomes"));
        receiver = new WebhookReceiver();
        WebhooksTest.subscribe(api, receiver, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.delivered\","
            + "\"message.rejected\",\"message.bounced\",\"message.complained\"]}");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static JsonNode send(JsonNode from, String to, String subject) {
        ApiClient.Reply reply = api.post("/api/v0/inboxes/" + from.get("inbox_id").asText() + "/messages/send",
            "{\"to\":[\"" + to + "\"],\"subject\":\"" + subject + "\",\"text\":\"hello\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return api.get("/api/v0/inboxes/" + from.get("inbox_id").asText() + "/messages/"
            + reply.json().get("message_id").asText()).json();
    }

    private static JsonNode awaitEvent(String type, String messageId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> eventsAbout(type, messageId).size() == 1);
        return eventsAbout(type, messageId).get(0);
    }

    private static List<JsonNode> eventsAbout(String type, String messageId) {
        return receiver.verified(type).stream().map(WebhookReceiver.Received::payload)
            .filter(payload -> payload.get("message").get("message_id").asText().equals(messageId)).toList();
    }

    @Test
    void mailBetweenOurInboxesIsDeliveredAndUnknownLocalRecipientsAreRejected() {
        JsonNode sender = WebhooksTest.newInbox(api);
        JsonNode recipient = WebhooksTest.newInbox(api);
        JsonNode sent = send(sender, recipient.get("email_address").asText(), "Between us");
        JsonNode delivered = awaitEvent("message.delivered", sent.get("message_id").asText());
        assertThat(delivered.get("recipients")).hasSize(1);
        assertThat(delivered.get("recipients").get(0).asText()).isEqualTo(recipient.get("email_address").asText());
        assertThat(delivered.get("message").get("inbox_id").asText()).isEqualTo(sender.get("inbox_id").asText());

        String unknown = "nobody-here@" + server.config().domain();
        JsonNode refused = send(sender, unknown, "To no one");
        JsonNode rejected = awaitEvent("message.rejected", refused.get("message_id").asText());
        assertThat(rejected.get("recipients").get(0).asText()).isEqualTo(unknown);
        assertThat(eventsAbout("message.delivered", refused.get("message_id").asText())).isEmpty();
    }

    @Test
    void aDeliveryStatusNotificationForOurMessageIsABounce() throws Exception {
        JsonNode sender = WebhooksTest.newInbox(api);
        JsonNode sent = send(sender, WebhooksTest.newInbox(api).get("email_address").asText(), "Will bounce");
        String messageId = sent.get("headers").get("Message-ID").asText();
        deliverRaw(server.config().smtpPort(), sender.get("email_address").asText(), """
            From: MAILER-DAEMON@mx.example.com
            To: %s
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: text/plain

            Your message could not be delivered.

            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.com

            Final-Recipient: rfc822; gone@example.com
            Action: failed
            Status: 5.1.1

            --b1
            Content-Type: text/rfc822-headers

            Message-ID: %s
            Subject: Will bounce

            --b1--
            """.formatted(sender.get("email_address").asText(), messageId));

        JsonNode bounced = awaitEvent("message.bounced", sent.get("message_id").asText());
        assertThat(bounced.get("recipients").get(0).asText()).isEqualTo("gone@example.com");
        assertThat(bounced.get("message").get("subject").asText()).isEqualTo("Will bounce");
    }

    @Test
    void anAbuseReportForOurMessageIsAComplaint() throws Exception {
        JsonNode sender = WebhooksTest.newInbox(api);
        JsonNode sent = send(sender, WebhooksTest.newInbox(api).get("email_address").asText(), "Spammy");
        deliverRaw(server.config().smtpPort(), sender.get("email_address").asText(),
            abuseReport(sender.get("email_address").asText(), sent.get("headers").get("Message-ID").asText()));

        JsonNode complained = awaitEvent("message.complained", sent.get("message_id").asText());
        assertThat(complained.get("recipients").get(0).asText()).isEqualTo("annoyed@example.com");
    }

    /** An RFC 5965 abuse report about a message, as a mailbox provider's feedback loop sends it. */
    static String abuseReport(String to, String messageId) {
        return """
            From: abuse@isp.example.com
            To: %s
            Subject: Abuse report
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="b2"

            --b2
            Content-Type: text/plain

            This is an abuse report.

            --b2
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: Isp/1.0
            Version: 1
            Original-Rcpt-To: <annoyed@example.com>

            --b2
            Content-Type: message/rfc822

            Message-ID: %s
            Subject: Spammy

            hello
            --b2--
            """.formatted(to, messageId);
    }

    static void deliverRaw(int smtpPort, String to, String message) throws Exception {
        SMTPClient smtp = MailClients.smtp(smtpPort);
        try {
            assertThat(smtp.setSender("")).isTrue();
            assertThat(smtp.addRecipient(to)).isTrue();
            try (Writer data = smtp.sendMessageData()) {
                data.write(message.replace("\n", "\r\n"));
            }
            assertThat(smtp.completePendingCommand()).isTrue();
            assertThat(SMTPReply.isPositiveCompletion(smtp.getReplyCode())).isTrue();
        } finally {
            smtp.disconnect();
        }
    }
}
