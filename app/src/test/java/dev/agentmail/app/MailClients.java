package dev.agentmail.app;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

import javax.mail.Folder;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import java.io.IOException;
import java.io.Writer;
import java.util.Properties;

/** Real SMTP and IMAP clients, as a person's mail program or an outside server would connect. */
final class MailClients {
    private MailClients() {
    }

    static SMTPClient smtp(int port) throws IOException {
        SMTPClient client = new SMTPClient();
        client.setDefaultTimeout(10_000);
        client.connect("127.0.0.1", port);
        client.setSoTimeout(30_000);
        check(client.helo("client.example.net"), client);
        return client;
    }

    static AuthenticatingSMTPClient submission(int port, String user, String key) throws Exception {
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();
        client.setDefaultTimeout(10_000);
        client.connect("127.0.0.1", port);
        client.setSoTimeout(30_000);
        client.ehlo("client.example.net");
        if (user != null && !client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, key)) {
            throw new IllegalStateException("AUTH refused: " + client.getReplyString());
        }
        return client;
    }

    /** Sends a whole message on an open session; @return whether the server accepted it with 250 */
    static boolean send(SMTPClient client, String from, String to, String subject) throws IOException {
        if (!client.setSender(from) || !client.addRecipient(to)) {
            return false;
        }
        try (Writer data = client.sendMessageData()) {
            if (data == null) {
                return false;
            }
            data.write("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@client.example.net>\r\n\r\nHello from a real SMTP client.\r\n");
        }
        return client.completePendingCommand();
    }

    static Store imap(int port, String user, String key) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "30000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", port, user, key);
        return store;
    }

    static Folder openInbox(Store store) throws MessagingException {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        return inbox;
    }

    private static void check(int reply, SMTPClient client) {
        if (!SMTPReply.isPositiveCompletion(reply)) {
            throw new IllegalStateException("SMTP refused: " + client.getReplyString());
        }
    }
}
