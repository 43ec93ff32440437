package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.attachmenttext.TestDocuments;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.activation.DataHandler;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attachments read as text end to end: a mail with a PDF, a DOCX, an XLSX and a corrupt PDF delivered over SMTP
 * shows their texts seconds later in v0 and v1, a search finds a word only the PDF has, and the signed text link
 * serves the text to whoever holds it, and to no one who altered it.
 */
class AttachmentTextTest {
    /** "A few seconds" on an idle machine; the margin is for a loaded 2-core test machine. */
    private static final Duration READ_WITHIN = Duration.ofSeconds(20);

    private static TestServers.RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        api = server.api(TestServers.newOrganization(server, "attachment-text"));
    }

    @Test
    void attachmentsAreReadSearchedAndServedAsText() throws Exception {
        JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\":\"texts-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").json();
        String inboxPath = "/api/v0/inboxes/" + inbox.get("inbox_id").asText();
        String address = inbox.get("email_address").asText();
        deliver(address, mail(address, "Documents for the board", "The documents are attached.", Map.of(
            "invoice.pdf", new Part("application/pdf", TestDocuments.pdf("Invoice 2026-117 for the wombat enclosure")),
            "contract.docx", new Part("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                TestDocuments.docx("This contract binds both parties.")),
            "budget.xlsx", new Part("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                TestDocuments.xlsx("Catering", 1250.5)),
            "broken.pdf", new Part("application/pdf", TestDocuments.CORRUPT_PDF))));
        deliver(address, mail(address, "Lunch", "See you at noon on the terrace.", Map.of()));

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(inboxPath + "/messages").json().get("total").asInt() == 2);
        String messageId = null;
        for (JsonNode summary : api.get(inboxPath + "/messages").json().get("data")) {
            if (summary.get("subject").asText().equals("Documents for the board")) {
                messageId = summary.get("message_id").asText();
            }
        }
        String messagePath = inboxPath + "/messages/" + messageId;

        long listed = System.nanoTime();
        await().atMost(READ_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode attachment : api.get(messagePath).json().get("attachments")) {
                if (attachment.get("text_status").asText().equals("pending")) {
                    return false;
                }
            }
            return true;
        });
        System.out.printf("AttachmentTextTest: the four attachments were read %d ms after their mail was listed%n",
            Duration.ofNanos(System.nanoTime() - listed).toMillis());
        Map<String, JsonNode> attachments = new HashMap<>();
        api.get(messagePath).json().get("attachments").forEach(attachment -> attachments.put(attachment.get("filename").asText(), attachment));

        assertThat(attachments.get("invoice.pdf").get("text_status").asText()).isEqualTo("ready");
        assertThat(attachments.get("invoice.pdf").get("text").asText()).contains("Invoice 2026-117 for the wombat enclosure");
        assertThat(attachments.get("contract.docx").get("text_status").asText()).isEqualTo("ready");
        assertThat(attachments.get("contract.docx").get("text").asText()).contains("This contract binds both parties.");
        assertThat(attachments.get("budget.xlsx").get("text_status").asText()).isEqualTo("ready");
        assertThat(attachments.get("budget.xlsx").get("text").asText()).contains("Budget").contains("Catering").contains("1250.5");
        assertThat(attachments.get("broken.pdf").get("text_status").asText()).isEqualTo("failed");
        assertThat(attachments.get("broken.pdf").get("text").isNull()).isTrue();
        assertThat(attachments.get("broken.pdf").get("text_url").isNull()).isTrue();

        // A word only the PDF has.
        JsonNode found = api.get(inboxPath + "/messages?q=wombat").json();
        assertThat(found.get("total").asInt()).isEqualTo(1);
        assertThat(found.get("data").get(0).get("message_id").asText()).isEqualTo(messageId);
        assertThat(api.get(inboxPath + "/messages?q=binds%20catering").json().get("total").asInt()).isEqualTo(1);

        String textPath = URI.create(attachments.get("invoice.pdf").get("text_url").asText()).getRawPath();
        ApiClient anonymous = api.withKey(null);
        ApiClient.Reply text = anonymous.get(textPath);
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
            assertThat(type.replace(" ", "")).isEqualToIgnoringCase("text/plain;charset=utf-8"));
        assertThat(text.body()).contains("Invoice 2026-117 for the wombat enclosure");
        String token = textPath.substring("/api/v0/attachments/".length(), textPath.length() - "/text".length());
        String tampered = SignedLinks.tampered(token);
        assertThat(anonymous.get("/api/v0/attachments/" + tampered + "/text").status()).isEqualTo(403);
        // A text link is not a download link.
        assertThat(anonymous.get("/api/v0/attachments/" + token).status()).isEqualTo(403);

        JsonNode link = api.get(messagePath + "/attachments/" + attachments.get("contract.docx").get("attachment_id").asText()).json();
        assertThat(link.get("text_status").asText()).isEqualTo("ready");
        assertThat(anonymous.get(URI.create(link.get("text_url").asText()).getRawPath()).body())
            .contains("This contract binds both parties.");

        JsonNode v1 = api.get("/api/v1/inboxes/" + inbox.get("inbox_id").asText() + "/messages/" + messageId).json();
        assertThat(v1.get("data").get("attachments")).hasSize(4);
        assertThat(v1.get("data").get("attachments").findValuesAsText("text_status"))
            .containsExactlyInAnyOrder("ready", "ready", "ready", "failed");

        ApiClient other = api.withKey(TestServers.newOrganization(server, "attachment-text-other"));
        assertThat(other.get(messagePath).status()).isEqualTo(404);
        assertThat(other.get(messagePath + "/attachments/" + attachments.get("invoice.pdf").get("attachment_id").asText())
            .status()).isEqualTo(404);
        assertThat(other.get(inboxPath + "/messages?q=wombat").status()).isEqualTo(404);
    }

    private record Part(String contentType, byte[] content) {
    }

    private static byte[] mail(String to, String subject, String body, Map<String, Part> attachments) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("board@example.com"));
        message.setRecipient(javax.mail.Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "utf-8");
        mixed.addBodyPart(text);
        for (Map.Entry<String, Part> attachment : attachments.entrySet()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.getValue().content(),
                attachment.getValue().contentType())));
            part.setFileName(attachment.getKey());
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static void deliver(String recipient, byte[] rawMessage) throws Exception {
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        assertThat(smtp.setSender("board@example.com")).isTrue();
        assertThat(smtp.addRecipient(recipient)).isTrue();
        try (Writer data = smtp.sendMessageData()) {
            data.write(new String(rawMessage, StandardCharsets.US_ASCII));
        }
        assertThat(smtp.completePendingCommand()).as(smtp.getReplyString()).isTrue();
        smtp.disconnect();
    }
}
