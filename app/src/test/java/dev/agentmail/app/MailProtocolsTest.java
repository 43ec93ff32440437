package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.mail.smtp.SMTPSendFailedException;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.mail.AuthenticationFailedException;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.Transport;
import javax.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The inboxes seen through SMTP and IMAP, with the real servers and real clients. */
class MailProtocolsTest {
    private static TestServers.RunningServer server;
    private static ApiClient api;
    private static String key;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        key = TestServers.newOrganization(server, "mail");
        api = server.api(key);
    }

    private static JsonNode createInbox() {
        String username = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        return api.post("/api/v0/inboxes", "{\"username\":\"" + username + "\"}").json();
    }

    private static String newInbox() {
        return createInbox().get("email_address").asText();
    }

    private static Message[] awaitMessages(String address, int count) throws Exception {
        try (Store store = MailClients.imap(server.config().imapPort(), address, key)) {
            Folder inbox = MailClients.openInbox(store);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                inbox.close(false);
                inbox.open(Folder.READ_ONLY);
                return inbox.getMessageCount() >= count;
            });
            Message[] messages = inbox.getMessages();
            for (Message message : messages) {
                message.getSubject();
            }
            return messages;
        }
    }

    @Test
    void inboundMailLandsInTheInboxAndImapSeesIt() throws Exception {
        String address = newInbox();
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        assertThat(MailClients.send(smtp, "sender@example.com", address, "Welcome aboard")).isTrue();
        smtp.logout();
        smtp.disconnect();

        Message[] messages = awaitMessages(address, 1);
        assertThat(messages).extracting(Message::getSubject).containsExactly("Welcome aboard");
    }

    @Test
    void imapShowsInboxAndSent() throws Exception {
        String address = newInbox();
        try (Store store = MailClients.imap(server.config().imapPort(), address, key)) {
            assertThat(Arrays.stream(store.getDefaultFolder().list()).map(Folder::getName))
                .contains("INBOX", "Sent");
        }
    }

    @Test
    void unknownRecipientsOnOurDomainAreRefused() throws Exception {
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        assertThat(smtp.setSender("sender@example.com")).isTrue();

        assertThat(smtp.addRecipient("nobody-" + UUID.randomUUID() + "@agentmail.localhost")).isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(550);
        assertThat(smtp.getReplyString()).contains("5.1.1");
        smtp.disconnect();
    }

    @Test
    void inboundSmtpIsNotAnOpenRelay() throws Exception {
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        assertThat(smtp.setSender("spammer@example.com")).isTrue();

        assertThat(smtp.addRecipient("victim@example.org")).isFalse();
        assertThat(smtp.getReplyCode()).isBetween(500, 599);
        smtp.disconnect();
    }

    @Test
    void imapRefusesAWrongKeyAndAnotherOrganizationsKey() throws Exception {
        String address = newInbox();
        String foreignKey = TestServers.newOrganization(server, "foreign-imap");

        assertThatThrownBy(() -> MailClients.imap(server.config().imapPort(), address, "inai_wrong_key_0000000000"))
            .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> MailClients.imap(server.config().imapPort(), address, foreignKey))
            .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> MailClients.imap(server.config().imapPort(), "nobody@agentmail.localhost", key))
            .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void imapRefusesAnotherUsersMailboxWithATaggedNoAndTheSessionGoesOn() throws Exception {
        String address = newInbox();
        String neighbour = newInbox();
        String foreign = server.api(TestServers.newOrganization(server, "foreign-mailbox")).post("/api/v0/inboxes",
            "{\"username\":\"victim-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").json()
            .get("email_address").asText();
        // Python's imaplib on one connection: an IMAP4.abort or a timeout means the server dropped or ignored it.
        String script = """
            import imaplib, sys
            port, user, key = sys.argv[1:4]
            with imaplib.IMAP4("127.0.0.1", int(port), timeout=20) as i:
                i.login(user, key)
                for owner in sys.argv[4:]:
                    for name in ('"#user.%s.INBOX"' % owner, '"#user.%s"' % owner, '"#shared.%s.INBOX"' % owner):
                        print("SELECT", i.select(name)[0])
                        print("EXAMINE", i.select(name, readonly=True)[0])
                        print("STATUS", i.status(name, "(MESSAGES)")[0])
                        print("CREATE", i.create(name)[0])
                        print("DELETE", i.delete(name)[0])
                        print("RENAME", i.rename("Sent", name)[0])
                        print("APPEND", i.append(name, None, None, b"Subject: x\\r\\n\\r\\nx\\r\\n")[0])
                        print("GETACL", i.getacl(name)[0])
                        print("MYRIGHTS", i.myrights(name)[0])
                print("after", i.select("INBOX")[0], i.noop()[0])
            """;
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", script, String.valueOf(server.config().imapPort()),
            address, key, neighbour, foreign).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> !line.startsWith("after")))
            .hasSize(2 * 3 * 9).allSatisfy(line -> assertThat(line).endsWith(" NO"));
        assertThat(output).contains("after OK OK");
    }

    @Test
    void submissionSendsAsTheInboxToAnotherInbox() throws Exception {
        String sender = newInbox();
        String recipient = newInbox();

        AuthenticatingSMTPClient smtp = MailClients.submission(server.config().submissionPort(), sender, key);
        assertThat(MailClients.send(smtp, sender, recipient, "Between agents")).isTrue();
        smtp.disconnect();

        assertThat(awaitMessages(recipient, 1)).extracting(Message::getSubject).containsExactly("Between agents");
    }

    @Test
    void submissionRefusesAnotherSenderAddress() throws Exception {
        String sender = newInbox();
        String someoneElse = newInbox();

        AuthenticatingSMTPClient smtp = MailClients.submission(server.config().submissionPort(), sender, key);
        assertThat(MailClients.send(smtp, someoneElse, newInbox(), "Spoofed")).isFalse();
        assertThat(smtp.getReplyCode()).isBetween(500, 599);
        smtp.disconnect();
    }

    /** The outside probe's spoof: organization B's inbox, logged in with B's key, writing as organization A's inbox. */
    @Test
    void submissionRefusesAFromOrSenderOfAnotherOrganizationsInboxAndTakesTheInboxsOwn() throws Exception {
        String victim = newInbox();
        String otherKey = TestServers.newOrganization(server, "spoofer");
        String spoofer = server.api(otherKey).post("/api/v0/inboxes", "{\"username\":\"spoofer-"
            + UUID.randomUUID().toString().substring(0, 8) + "\"}").json().get("email_address").asText();
        Session session = Session.getInstance(submissionProperties(spoofer));

        for (String[] authors : new String[][] {{victim, null}, {"Agent <" + spoofer + ">", victim},
            {spoofer + ", " + victim, null}}) {
            MimeMessage forged = message(session, authors[0], authors[1], victim, "Forged by " + spoofer);
            assertThatThrownBy(() -> Transport.send(forged, spoofer, otherKey))
                .as("From: %s, Sender: %s", authors[0], authors[1])
                .isInstanceOfSatisfying(SMTPSendFailedException.class, refused -> {
                    assertThat(refused.getReturnCode()).isEqualTo(550);
                    assertThat(refused.getMessage()).contains("5.7.1", "an inbox sends only as itself");
                });
        }
        Transport.send(message(session, "Agent <" + spoofer + ">", spoofer, victim, "As myself"), spoofer, otherKey);

        assertThat(awaitMessages(victim, 1)).extracting(Message::getSubject).containsExactly("As myself");
    }

    private static Properties submissionProperties(String envelopeSender) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.config().submissionPort()));
        properties.put("mail.smtp.auth", "true");
        // The envelope is the inbox's own, as James's identity check wants: only the headers claim someone else.
        properties.put("mail.smtp.from", envelopeSender);
        properties.put("mail.smtp.timeout", "30000");
        return properties;
    }

    private static MimeMessage message(Session session, String from, String sender, String to, String subject)
        throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setHeader("From", from);
        if (sender != null) {
            message.setHeader("Sender", sender);
        }
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject);
        message.setText("Pay the invoice.");
        return message;
    }

    @Test
    void submissionRefusesForeignKeysAndAnonymousRelay() throws Exception {
        String sender = newInbox();
        String foreignKey = TestServers.newOrganization(server, "foreign-smtp");

        assertThatThrownBy(() -> MailClients.submission(server.config().submissionPort(), sender, foreignKey))
            .hasMessageContaining("AUTH refused");

        AuthenticatingSMTPClient anonymous = MailClients.submission(server.config().submissionPort(), null, null);
        assertThat(anonymous.setSender(sender)).as("posing as an inbox without logging in").isFalse();
        assertThat(anonymous.setSender("outsider@example.com")).isTrue();
        assertThat(anonymous.addRecipient("someone@example.org")).as("relaying without logging in").isFalse();
        anonymous.disconnect();

        AuthenticatingSMTPClient toAnInbox = MailClients.submission(server.config().submissionPort(), null, null);
        assertThat(MailClients.send(toAnInbox, "outsider@example.com", sender, "Not logged in")).isFalse();
        assertThat(toAnInbox.getReplyString()).startsWith("530 5.7.0");
        toAnInbox.disconnect();
    }

    @Test
    void aDeletedInboxNoLongerReceivesMail() throws Exception {
        JsonNode inbox = createInbox();
        String address = inbox.get("email_address").asText();
        String inboxId = inbox.get("inbox_id").asText();
        assertThat(api.delete("/api/v0/inboxes/" + inboxId).status()).isEqualTo(204);

        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        assertThat(smtp.setSender("sender@example.com")).isTrue();
        assertThat(smtp.addRecipient(address)).isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(550);
        smtp.disconnect();
        assertThatThrownBy(() -> MailClients.imap(server.config().imapPort(), address, key))
            .isInstanceOf(AuthenticationFailedException.class);
    }
}
