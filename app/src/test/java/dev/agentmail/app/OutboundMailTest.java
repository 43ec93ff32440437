package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.mail.BodyPart;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Multipart;
import javax.mail.Store;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending through the API, with a real SMTP server on loopback (GreenMail) standing in for the outside world
 * behind AGENTMAIL_SMTP_RELAY: the exact MIME that arrives, who receives it, and what the inbox's view shows.
 */
class OutboundMailTest {
    private static final int MAX_MESSAGE_BYTES = 200_000;
    private static GreenMail outside;
    private static TestServers.RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        outside = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        outside.start();
        server = TestServers.start(Files.createTempDirectory("agentmail-outbound"), Map.of(
            "AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY,
            "AGENTMAIL_SMTP_RELAY", "127.0.0.1:" + outside.getSmtp().getPort(),
            "AGENTMAIL_SMTP_RELAY_TLS", "none",
            "AGENTMAIL_MAX_MESSAGE_BYTES", String.valueOf(MAX_MESSAGE_BYTES)));
        api = server.api(TestServers.BOOTSTRAP_KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
        outside.stop();
    }

    @BeforeEach
    void forgetReceived() throws Exception {
        outside.purgeEmailFromAllMailboxes();
    }

    private record TestInbox(String id, String address) {
        String path() {
            return "/api/v0/inboxes/" + id;
        }
    }

    private static TestInbox newInbox(String displayName) {
        JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\":\"out-" + UUID.randomUUID().toString().substring(0, 8)
            + "\",\"display_name\":\"" + displayName + "\"}").json();
        return new TestInbox(inbox.get("inbox_id").asText(), inbox.get("email_address").asText());
    }

    private static MimeMessage[] awaitOutside(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outside.getReceivedMessages().length >= count);
        return outside.getReceivedMessages();
    }

    @Test
    void aSentMessageArrivesAsStandardMimeWithoutBcc() throws Exception {
        TestInbox inbox = newInbox("Agent One");
        byte[] pdf = new byte[5000];
        new java.util.Random(7).nextBytes(pdf);
        ApiClient.Reply reply = api.post(inbox.path() + "/messages/send", """
            {"to": "alice@example.com", "cc": ["carol@example.com"], "bcc": "secret@example.com",
             "subject": "Quarterly report", "text": "Numbers attached.", "html": "<p>Numbers <b>attached</b>.</p>",
             "labels": ["reports"], "headers": {"X-Campaign": "q3"},
             "attachments": [{"filename": "report.pdf", "content_type": "application/pdf", "content": "%s"}]}
            """.formatted(Base64.getEncoder().encodeToString(pdf)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String messageId = reply.json().get("message_id").asText();
        assertThat(messageId).startsWith("msg_");
        assertThat(reply.json().get("thread_id").asText()).startsWith("thr_");

        MimeMessage[] received = awaitOutside(3);
        assertThat(received).hasSize(3);
        MimeMessage message = received[0];
        assertThat(message.getHeader("From", null)).isEqualTo("Agent One <" + inbox.address() + ">");
        assertThat(message.getHeader("To", null)).isEqualTo("alice@example.com");
        assertThat(message.getHeader("Cc", null)).isEqualTo("carol@example.com");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("X-Agentmail-Delivery-Id")).isNull();
        assertThat(message.getSubject()).isEqualTo("Quarterly report");
        assertThat(message.getMessageID()).endsWith("@agentmail.localhost>");
        assertThat(message.getHeader("X-Campaign", null)).isEqualTo("q3");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) message.getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("report.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        try (InputStream in = attachment.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        for (MimeMessage copy : received) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            copy.writeTo(raw);
            assertThat(raw.toString()).doesNotContain("secret@example.com");
        }

        JsonNode sent = api.get(inbox.path() + "/messages/" + messageId).json();
        assertThat(sent.get("direction").asText()).isEqualTo("outbound");
        assertThat(sent.get("bcc").get(0).asText()).isEqualTo("secret@example.com");
        assertThat(sent.get("labels").get(0).asText()).isEqualTo("reports");
        assertThat(sent.get("attachments").get(0).get("size").asLong()).isEqualTo(pdf.length);

        String attachmentId = sent.get("attachments").get(0).get("attachment_id").asText();
        JsonNode link = api.get(inbox.path() + "/messages/" + messageId + "/attachments/" + attachmentId).json();
        assertThat(link.get("filename").asText()).isEqualTo("report.pdf");
        assertThat(link.get("expires_at").asText()).endsWith("Z");
        String downloadUrl = link.get("download_url").asText();
        assertThat(downloadUrl).startsWith(server.config().publicUrl() + "/api/v0/attachments/");
        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + server.config().apiPort(), null);
        String downloadPath = downloadUrl.substring(server.config().publicUrl().length());
        var download = anonymous.send(anonymous.request(downloadPath).GET());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(download.raw().headers().firstValue("Content-Disposition").orElse("")).contains("filename=\"report.pdf\"");
        var bytes = anonymous.sendForBytes(anonymous.request(downloadPath).GET()).body();
        assertThat(bytes).isEqualTo(pdf);
        String tampered = SignedLinks.tampered(downloadPath);
        assertThat(anonymous.get(tampered).status()).isEqualTo(403);
        assertThat(anonymous.get(tampered).json().get("error").asText()).isEqualTo("forbidden");
        assertThat(api.get(inbox.path() + "/messages/" + messageId + "/attachments/att_unknown").status()).isEqualTo(404);
        try (Store store = MailClients.imap(server.config().imapPort(), inbox.address(), TestServers.BOOTSTRAP_KEY)) {
            Folder folder = store.getFolder("Sent");
            folder.open(Folder.READ_ONLY);
            assertThat(folder.getMessageCount()).isEqualTo(1);
            assertThat(folder.getMessage(1).getSubject()).isEqualTo("Quarterly report");
        }
    }

    @Test
    void repliesGoToTheSenderWithThreadingHeadersAndReplyAllToEveryoneElse() throws Exception {
        TestInbox inbox = newInbox("Agent Two");
        var smtp = MailClients.smtp(server.config().smtpPort());
        smtp.setSender("bob@example.com");
        smtp.addRecipient(inbox.address());
        try (var data = smtp.sendMessageData()) {
            data.write(("From: Bob <bob@example.com>\r\nTo: " + inbox.address() + ", dave@example.com\r\nCc: carol@example.com\r\n"
                + "Subject: Lunch?\r\nMessage-ID: <lunch-1@example.com>\r\n\r\nTuesday?\r\n"));
        }
        smtp.completePendingCommand();
        smtp.disconnect();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(inbox.path() + "/messages").json().get("total").asInt() == 1);
        JsonNode original = api.get(inbox.path() + "/messages").json().get("data").get(0);

        JsonNode reply = api.post(inbox.path() + "/messages/" + original.get("message_id").asText() + "/reply",
            "{\"text\": \"Tuesday works.\"}").json();
        assertThat(reply.get("thread_id").asText()).isEqualTo(original.get("thread_id").asText());
        MimeMessage answered = awaitOutside(1)[0];
        assertThat(answered.getAllRecipients()).extracting(Object::toString).containsExactly("Bob <bob@example.com>");
        assertThat(answered.getSubject()).isEqualTo("Re: Lunch?");
        assertThat(answered.getHeader("In-Reply-To", null)).isEqualTo("<lunch-1@example.com>");
        assertThat(answered.getHeader("References", null)).isEqualTo("<lunch-1@example.com>");

        outside.purgeEmailFromAllMailboxes();
        JsonNode replyAll = api.post(inbox.path() + "/messages/" + original.get("message_id").asText() + "/reply-all",
            "{\"text\": \"Everyone, Tuesday.\"}").json();
        MimeMessage[] toAll = awaitOutside(3);
        MimeMessage one = toAll[0];
        assertThat(one.getHeader("To", null)).isEqualTo("Bob <bob@example.com>");
        assertThat(one.getHeader("Cc", null)).contains("dave@example.com", "carol@example.com").doesNotContain(inbox.address());
        assertThat(replyAll.get("thread_id").asText()).isEqualTo(original.get("thread_id").asText());

        JsonNode thread = api.get(inbox.path() + "/threads/" + original.get("thread_id").asText()).json();
        assertThat(thread.get("messages").findValuesAsText("direction")).containsExactly("inbound", "outbound", "outbound");
        JsonNode summary = api.get(inbox.path() + "/threads").json().get("data").get(0);
        assertThat(summary.get("sent_timestamp").isNull()).isFalse();
    }

    @Test
    void localRecipientsReceiveTheSameMessage() {
        TestInbox sender = newInbox("Sender");
        TestInbox recipient = newInbox("Recipient");

        api.post(sender.path() + "/messages/send", "{\"to\": \"" + recipient.address() + "\", \"subject\": \"Hi neighbour\", \"text\": \"Hello\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(recipient.path() + "/messages").json().get("total").asInt() == 1);
        JsonNode received = api.get(recipient.path() + "/messages/"
            + api.get(recipient.path() + "/messages").json().get("data").get(0).get("message_id").asText()).json();
        JsonNode sent = api.get(sender.path() + "/messages/"
            + api.get(sender.path() + "/messages").json().get("data").get(0).get("message_id").asText()).json();
        assertThat(received.get("direction").asText()).isEqualTo("inbound");
        assertThat(received.get("from").asText()).isEqualTo("Sender <" + sender.address() + ">");
        assertThat(received.get("headers").get("Message-ID").asText()).isEqualTo(sent.get("headers").get("Message-ID").asText());
        assertThat(outside.getReceivedMessages()).isEmpty();
    }

    @Test
    void forwardsEncloseOrQuoteTheOriginalInANewThread() throws Exception {
        TestInbox inbox = newInbox("Forwarder");
        JsonNode first = api.post(inbox.path() + "/messages/send",
            "{\"to\": \"alice@example.com\", \"subject\": \"Specs\", \"text\": \"The original body.\"}").json();
        awaitOutside(1);
        outside.purgeEmailFromAllMailboxes();

        JsonNode enclosed = api.post(inbox.path() + "/messages/" + first.get("message_id").asText() + "/forward",
            "{\"to\": \"bob@example.com\"}").json();
        MimeMessage forwarded = awaitOutside(1)[0];
        assertThat(forwarded.getSubject()).isEqualTo("Fwd: Specs");
        Multipart parts = (Multipart) forwarded.getContent();
        assertThat(parts.getBodyPart(parts.getCount() - 1).getContentType()).startsWith("message/rfc822");
        assertThat(enclosed.get("thread_id").asText()).isNotEqualTo(first.get("thread_id").asText());

        outside.purgeEmailFromAllMailboxes();
        api.post(inbox.path() + "/messages/" + first.get("message_id").asText() + "/forward",
            "{\"to\": [\"bob@example.com\"], \"text\": \"FYI, see below.\"}");
        MimeMessage quoted = awaitOutside(1)[0];
        assertThat(quoted.getContent().toString()).contains("FYI, see below.", "Forwarded message", "The original body.");
    }

    @Test
    void badInputIsRefusedAndNothingIsSent() throws Exception {
        TestInbox inbox = newInbox("Careful");
        Map<String, String> refused = Map.ofEntries(
            Map.entry("{\"to\": \"alice@example.com\", \"subject\": \"Hi\\r\\nBcc: victim@example.com\"}", "subject"),
            Map.entry("{\"to\": \"not an address\"}", "to"),
            Map.entry("{\"to\": \"alice@example.com\\r\\nbcc: x@example.com\"}", "to"),
            Map.entry("{\"subject\": \"nobody\"}", "to"),
            Map.entry("{\"to\": \"alice@example.com\", \"headers\": {\"From\": \"ceo@example.com\"}}", "headers"),
            Map.entry("{\"to\": \"alice@example.com\", \"headers\": {\"sender\": \"ceo@example.com\"}}", "headers"),
            Map.entry("{\"to\": \"alice@example.com\", \"headers\": {\"Resent-From\": \"ceo@example.com\"}}", "headers"),
            Map.entry("{\"to\": \"alice@example.com\", \"headers\": {\"X-Ok\": \"line\\nbreak\"}}", "headers"),
            Map.entry("{\"to\": \"alice@example.com\", \"attachments\": [{\"filename\": \"a.txt\", \"content\": \"***\"}]}", "attachments.content"),
            Map.entry("{\"to\": \"alice@example.com\", \"attachments\": [{\"filename\": \"a.txt\", \"url\": \"http://127.0.0.1:1/x\"}]}", "attachments.url"),
            Map.entry("{\"to\": \"alice@example.com\", \"attachments\": [{\"filename\": \"a.txt\", \"url\": \"file:///etc/passwd\"}]}", "attachments.url"));
        for (Map.Entry<String, String> attempt : refused.entrySet()) {
            ApiClient.Reply reply = api.post(inbox.path() + "/messages/send", attempt.getKey());
            assertThat(reply.status()).as(attempt.getKey() + " -> " + reply.body()).isEqualTo(400);
            assertThat(reply.json().get("field").asText()).as(attempt.getKey()).isEqualTo(attempt.getValue());
        }

        String big = Base64.getEncoder().encodeToString(new byte[MAX_MESSAGE_BYTES + 1]);
        ApiClient.Reply tooBig = api.post(inbox.path() + "/messages/send",
            "{\"to\": \"alice@example.com\", \"attachments\": [{\"filename\": \"big.bin\", \"content\": \"" + big + "\"}]}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().get("error").asText()).isEqualTo("payload_too_large");

        assertThat(api.post("/api/v0/inboxes/unknown/messages/send", "{\"to\": \"alice@example.com\"}").status()).isEqualTo(404);

        var smtp = MailClients.smtp(server.config().smtpPort());
        smtp.setSender("big@example.com");
        smtp.addRecipient(inbox.address());
        try (var data = smtp.sendMessageData()) {
            data.write("Subject: too big\r\n\r\n" + ("x".repeat(998) + "\r\n").repeat(MAX_MESSAGE_BYTES / 1000 + 10));
        }
        assertThat(smtp.completePendingCommand()).isFalse();
        assertThat(smtp.getReplyCode()).as(smtp.getReplyString()).isEqualTo(552);
        smtp.disconnect();
        Thread.sleep(500);
        assertThat(outside.getReceivedMessages()).isEmpty();
        assertThat(api.get(inbox.path() + "/messages").json().get("total").asInt()).isZero();
    }

    @Test
    void attachmentsMayBeFetchedByUrl() throws Exception {
        byte[] file = "fetched by url\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.sun.net.httpserver.HttpServer files = com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/notes.txt", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, file.length);
            exchange.getResponseBody().write(file);
            exchange.close();
        });
        files.start();
        try {
            TestInbox inbox = newInbox("Fetcher");
            ApiClient.Reply reply = api.post(inbox.path() + "/messages/send", "{\"to\": \"alice@example.com\", \"text\": \"See file\","
                + " \"attachments\": [{\"filename\": \"notes.txt\", \"url\": \"http://127.0.0.1:" + files.getAddress().getPort() + "/notes.txt\"}]}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);

            BodyPart attachment = ((Multipart) awaitOutside(1)[0].getContent()).getBodyPart(1);
            assertThat(attachment.getFileName()).isEqualTo("notes.txt");
            assertThat(attachment.getContentType()).startsWith("text/plain");
            try (InputStream in = attachment.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(file);
            }
        } finally {
            files.stop(0);
        }
    }

    @Test
    void twoInboxesConverseAndAnOutsideClientJoinsTheThread() throws Exception {
        TestInbox alice = newInbox("Alice Agent");
        TestInbox bob = newInbox("Bob Agent");
        JsonNode opening = api.post(alice.path() + "/messages/send", "{\"to\": \"" + bob.address()
            + "\", \"cc\": \"carol@example.com\", \"subject\": \"Plan\", \"text\": \"Shall we?\"}").json();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(bob.path() + "/messages").json().get("total").asInt() == 1);
        String atBob = api.get(bob.path() + "/messages").json().get("data").get(0).get("message_id").asText();

        api.post(bob.path() + "/messages/" + atBob + "/reply-all", "{\"text\": \"Yes, all of us.\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(alice.path() + "/messages").json().get("total").asInt() == 2);
        JsonNode bobsReply = api.get(alice.path() + "/messages").json().get("data").get(0);
        assertThat(bobsReply.get("thread_id").asText()).isEqualTo(opening.get("thread_id").asText());
        MimeMessage carolsCopy = awaitOutside(2)[1];
        String replyMessageId = carolsCopy.getMessageID();

        // Carol, outside, answers with her own mail client to Alice.
        var smtp = MailClients.smtp(server.config().smtpPort());
        smtp.setSender("carol@example.com");
        smtp.addRecipient(alice.address());
        try (var data = smtp.sendMessageData()) {
            data.write("From: Carol <carol@example.com>\r\nTo: " + alice.address() + "\r\nSubject: Re: Plan\r\n"
                + "Message-ID: <carol-1@example.com>\r\nIn-Reply-To: " + replyMessageId + "\r\nReferences: "
                + replyMessageId + "\r\n\r\nCount me in.\r\n");
        }
        assertThat(smtp.completePendingCommand()).isTrue();
        smtp.disconnect();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(alice.path() + "/messages").json().get("total").asInt() == 3);

        JsonNode thread = api.get(alice.path() + "/threads/" + opening.get("thread_id").asText()).json();
        assertThat(thread.get("messages").findValuesAsText("subject")).containsExactly("Plan", "Re: Plan", "Re: Plan");
        assertThat(thread.get("messages").findValuesAsText("direction")).containsExactly("outbound", "inbound", "inbound");
        assertThat(api.get(alice.path() + "/threads").json().get("total").asInt()).isEqualTo(1);

        try (Store store = MailClients.imap(server.config().imapPort(), alice.address(), TestServers.BOOTSTRAP_KEY)) {
            Folder inbox = MailClients.openInbox(store);
            Folder sent = store.getFolder("Sent");
            sent.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount() + sent.getMessageCount()).isEqualTo(thread.get("message_count").asInt());
        }
    }
}
