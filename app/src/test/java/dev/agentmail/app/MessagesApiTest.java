package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.MessageEvent;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.mail.Flags;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mail received over SMTP, read, labelled and threaded through the API, with IMAP seeing the same mailbox. */
class MessagesApiTest {
    private static TestServers.RunningServer server;
    private static String key;
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        key = TestServers.newOrganization(server, "messages");
        api = server.api(key);
    }

    private record TestInbox(String id, String address) {
        String path() {
            return "/api/v0/inboxes/" + id;
        }
    }

    private static TestInbox newInbox() {
        JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\":\"msg-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").json();
        return new TestInbox(inbox.get("inbox_id").asText(), inbox.get("email_address").asText());
    }

    private static void deliver(String recipient, String rawMessage) throws Exception {
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        assertThat(smtp.setSender("sender@example.com")).isTrue();
        assertThat(smtp.addRecipient(recipient)).isTrue();
        try (Writer data = smtp.sendMessageData()) {
            data.write(rawMessage.replace("\n", "\r\n"));
        }
        assertThat(smtp.completePendingCommand()).as(smtp.getReplyString()).isTrue();
        smtp.disconnect();
    }

    private static JsonNode awaitMessages(TestInbox inbox, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(inbox.path() + "/messages").json().get("total").asInt() >= count);
        return api.get(inbox.path() + "/messages").json();
    }

    private static JsonNode byMessageId(TestInbox inbox, String subject) {
        for (JsonNode message : api.get(inbox.path() + "/messages?page_size=100").json().get("data")) {
            if (message.get("subject").asText().equals(subject)) {
                return api.get(inbox.path() + "/messages/" + message.get("message_id").asText()).json();
            }
        }
        throw new AssertionError("no message with subject " + subject);
    }

    @Test
    void inboundMailIsListedWithItsFullContent() throws Exception {
        TestInbox inbox = newInbox();
        deliver(inbox.address(), """
            From: Alice Example <alice@example.com>
            To: %s
            Cc: carol@example.com
            Subject: Quarterly numbers
            Message-ID: <numbers-1@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=mixed

            --mixed
            Content-Type: multipart/alternative; boundary=alt

            --alt
            Content-Type: text/plain; charset=utf-8

            The numbers are attached.
            --alt
            Content-Type: text/html; charset=utf-8

            <p>The numbers are <b>attached</b>.</p>
            --alt--
            --mixed
            Content-Type: text/csv; name=q3.csv
            Content-Disposition: attachment; filename=q3.csv

            quarter,revenue
            q3,42
            --mixed--
            """.formatted(inbox.address()));

        JsonNode list = awaitMessages(inbox, 1);
        JsonNode summary = list.get("data").get(0);
        assertThat(summary.get("direction").asText()).isEqualTo("inbound");
        assertThat(summary.get("from").asText()).isEqualTo("Alice Example <alice@example.com>");
        assertThat(summary.get("to").get(0).asText()).isEqualTo(inbox.address());
        assertThat(summary.get("cc").get(0).asText()).isEqualTo("carol@example.com");
        assertThat(summary.get("preview").asText()).isEqualTo("The numbers are attached.");
        assertThat(summary.get("message_id").asText()).startsWith("msg_");
        assertThat(summary.get("thread_id").asText()).startsWith("thr_");

        JsonNode message = api.get(inbox.path() + "/messages/" + summary.get("message_id").asText()).json();
        assertThat(message.get("text").asText()).contains("The numbers are attached.");
        assertThat(message.get("html").asText()).contains("<b>attached</b>");
        assertThat(message.get("headers").get("Message-ID").asText()).isEqualTo("<numbers-1@example.com>");
        assertThat(message.get("references").isNull()).isTrue();
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("filename").asText()).isEqualTo("q3.csv");
        assertThat(attachment.get("content_type").asText()).isEqualTo("text/csv");
        assertThat(attachment.get("attachment_id").asText()).startsWith("att_");
    }

    @Test
    void searchFindsEveryWordInSubjectTextAndAddressesWithTheListsPages() throws Exception {
        TestInbox inbox = newInbox();
        deliver(inbox.address(), "From: Alice Example <alice@example.com>\nTo: " + inbox.address()
            + "\nCc: carol@partner.example\nSubject: Quarterly invoice\nMessage-ID: <search-1@example.com>\n\nPlease pay by Friday.\n");
        awaitMessages(inbox, 1);
        deliver(inbox.address(), "From: bob@example.com\nTo: " + inbox.address()
            + "\nSubject: Lunch\nMessage-ID: <search-2@example.com>\n\nShall we meet on friday?\n");
        awaitMessages(inbox, 2);
        deliver(inbox.address(), "From: dave@example.com\nTo: " + inbox.address()
            + "\nSubject: Status\nMessage-ID: <search-3@example.com>\n\nAll good.\n");
        awaitMessages(inbox, 3);

        JsonNode first = search(inbox, "FRIDAY", "&page_size=1");
        assertThat(first.get("total").asInt()).isEqualTo(2);
        assertThat(first.get("page_size").asInt()).isEqualTo(1);
        assertThat(subjects(first)).containsExactly("Lunch");
        assertThat(subjects(search(inbox, "FRIDAY", "&page_size=1&page=2"))).containsExactly("Quarterly invoice");
        assertThat(subjects(search(inbox, "carol@partner.example", ""))).containsExactly("Quarterly invoice");
        assertThat(subjects(search(inbox, "alice friday", ""))).containsExactly("Quarterly invoice");
        assertThat(subjects(search(inbox, "dave", ""))).containsExactly("Status");
        assertThat(search(inbox, "alice lunch", "").get("total").asInt()).isZero();
        assertThat(search(inbox, " ", "").get("total").asInt()).isEqualTo(3);

        for (String refused : List.of("x".repeat(501), "one\ttwo")) {
            ApiClient.Reply reply = api.get(inbox.path() + "/messages?q=" + URLEncoder.encode(refused, StandardCharsets.UTF_8));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("field").asText()).isEqualTo("q");
        }
    }

    private static JsonNode search(TestInbox inbox, String q, String paging) {
        ApiClient.Reply reply = api.get(inbox.path() + "/messages?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + paging);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> subjects(JsonNode page) {
        List<String> subjects = new ArrayList<>();
        page.get("data").forEach(message -> subjects.add(message.get("subject").asText()));
        return subjects;
    }

    @Test
    void repliesJoinTheirThreadAndUnrelatedMailDoesNot() throws Exception {
        TestInbox inbox = newInbox();
        deliver(inbox.address(), "From: alice@example.com\nTo: " + inbox.address()
            + "\nSubject: Plans\nMessage-ID: <plans-1@example.com>\n\nShall we meet?\n");
        awaitMessages(inbox, 1);
        deliver(inbox.address(), "From: bob@example.com\nTo: " + inbox.address() + "\nSubject: Re: Plans"
            + "\nMessage-ID: <plans-2@example.com>\nIn-Reply-To: <plans-1@example.com>\nReferences: <plans-1@example.com>\n\nTuesday.\n");
        awaitMessages(inbox, 2);
        deliver(inbox.address(), "From: alice@example.com\nTo: " + inbox.address()
            + "\nSubject: RE: [team] Plans\nMessage-ID: <plans-3@example.com>\n\nAnswered without references.\n");
        deliver(inbox.address(), "From: noreply@service.example\nTo: " + inbox.address()
            + "\nSubject: Your code\nMessage-ID: <code-1@service.example>\n\nYour code is 111111.\n");
        awaitMessages(inbox, 4);
        deliver(inbox.address(), "From: noreply@service.example\nTo: " + inbox.address()
            + "\nSubject: Your code\nMessage-ID: <code-2@service.example>\n\nYour code is 222222.\n");
        awaitMessages(inbox, 5);

        String plansThread = byMessageId(inbox, "Plans").get("thread_id").asText();
        assertThat(byMessageId(inbox, "Re: Plans").get("thread_id").asText()).isEqualTo(plansThread);
        assertThat(byMessageId(inbox, "RE: [team] Plans").get("thread_id").asText()).isEqualTo(plansThread);

        JsonNode threads = api.get(inbox.path() + "/threads").json();
        assertThat(threads.get("total").asInt()).as("one plans thread and two separate code mails").isEqualTo(3);

        JsonNode thread = api.get(inbox.path() + "/threads/" + plansThread).json();
        assertThat(thread.get("message_count").asInt()).isEqualTo(3);
        assertThat(thread.get("subject").asText()).isEqualTo("Plans");
        assertThat(thread.get("messages").findValuesAsText("subject")).containsExactly("Plans", "Re: Plans", "RE: [team] Plans");

        JsonNode summary = null;
        for (JsonNode candidate : threads.get("data")) {
            if (candidate.get("thread_id").asText().equals(plansThread)) {
                summary = candidate;
            }
        }
        assertThat(summary).isNotNull();
        assertThat(summary.get("senders")).extracting(JsonNode::asText).containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
        assertThat(summary.get("subject").asText()).isEqualTo("Plans");
        assertThat(summary.get("message_count").asInt()).isEqualTo(3);
        assertThat(summary.get("last_message_id").asText()).isEqualTo(byMessageId(inbox, "RE: [team] Plans").get("message_id").asText());
        assertThat(summary.get("received_timestamp").asText()).endsWith("Z");
        assertThat(summary.get("sent_timestamp").isNull()).isTrue();
    }

    @Test
    void aReplyThatArrivesBeforeItsParentStillSharesItsThread() throws Exception {
        TestInbox inbox = newInbox();
        deliver(inbox.address(), "From: bob@example.com\nTo: " + inbox.address() + "\nSubject: Re: Early"
            + "\nMessage-ID: <early-2@example.com>\nIn-Reply-To: <early-1@example.com>\n\nI answer first.\n");
        awaitMessages(inbox, 1);
        deliver(inbox.address(), "From: alice@example.com\nTo: " + inbox.address()
            + "\nSubject: Early\nMessage-ID: <early-1@example.com>\n\nThe question.\n");
        awaitMessages(inbox, 2);

        assertThat(byMessageId(inbox, "Early").get("thread_id").asText())
            .isEqualTo(byMessageId(inbox, "Re: Early").get("thread_id").asText());
    }

    @Test
    void labelsAreImapKeywordsBothWays() throws Exception {
        TestInbox inbox = newInbox();
        deliver(inbox.address(), "From: alice@example.com\nTo: " + inbox.address() + "\nSubject: Label me\n\nBody\n");
        String messageId = awaitMessages(inbox, 1).get("data").get(0).get("message_id").asText();

        JsonNode labelled = api.patch(inbox.path() + "/messages/" + messageId, "{\"labels\":[\"important\",\"follow up\"]}").json();
        assertThat(labelled.get("labels")).extracting(JsonNode::asText).containsExactly("follow up", "important");

        try (Store store = MailClients.imap(server.config().imapPort(), inbox.address(), key)) {
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            Message message = folder.getMessage(1);
            assertThat(message.getFlags().getUserFlags()).contains("important").hasSize(2);

            message.setFlags(new Flags("urgent"), true);
            message.setFlags(new Flags("important"), false);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(api.get(inbox.path() + "/messages/" + messageId).json().get("labels"))
                .extracting(JsonNode::asText).containsExactly("follow up", "urgent"));

        assertThat(api.patch(inbox.path() + "/messages/" + messageId, "{\"labels\":[\"bad\\r\\nlabel\"]}").status()).isEqualTo(400);
        assertThat(api.patch(inbox.path() + "/messages/" + messageId, "{\"labels\":{\"not\":\"a list\"}}").status()).isEqualTo(400);
        assertThat(api.patch(inbox.path() + "/messages/" + messageId, "{}").status()).isEqualTo(400);
    }

    @Test
    void whatImapExpungesLeavesTheApiAndDeletedThreadsLeaveImap() throws Exception {
        TestInbox inbox = newInbox();
        deliver(inbox.address(), "From: alice@example.com\nTo: " + inbox.address() + "\nSubject: Expunge me\n\nBody\n");
        deliver(inbox.address(), "From: bob@example.com\nTo: " + inbox.address() + "\nSubject: Delete my thread\n\nBody\n");
        awaitMessages(inbox, 2);
        String threadId = byMessageId(inbox, "Delete my thread").get("thread_id").asText();

        try (Store store = MailClients.imap(server.config().imapPort(), inbox.address(), key)) {
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            for (Message message : folder.getMessages()) {
                if (message.getSubject().equals("Expunge me")) {
                    message.setFlag(Flags.Flag.DELETED, true);
                }
            }
            folder.expunge();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(inbox.path() + "/messages").json().get("total").asInt() == 1);

        assertThat(api.delete(inbox.path() + "/threads/" + threadId).status()).isEqualTo(204);
        assertThat(api.get(inbox.path() + "/threads/" + threadId).status()).isEqualTo(404);
        assertThat(api.get(inbox.path() + "/messages").json().get("total").asInt()).isZero();
        try (Store store = MailClients.imap(server.config().imapPort(), inbox.address(), key)) {
            assertThat(MailClients.openInbox(store).getMessageCount()).isZero();
        }
    }

    @Test
    void malformedMailIsStoredAsReceivedAndIndexedAsFarAsItReads() throws Exception {
        TestInbox inbox = newInbox();
        String broken = "From: <<<not an address\nTo: " + inbox.address() + "\nSubject: Broken\n"
            + "Content-Type: multipart/mixed; boundary=never-closed\nContent-Transfer-Encoding: base64\n\n"
            + "--never-closed\nContent-Type: text/plain\n\nStill readable\n";
        deliver(inbox.address(), broken);

        JsonNode message = byMessageIdAfter(inbox, "Broken");
        assertThat(message.get("text").asText()).contains("Still readable");
        try (Store store = MailClients.imap(server.config().imapPort(), inbox.address(), key)) {
            Message stored = MailClients.openInbox(store).getMessage(1);
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            stored.writeTo(raw);
            assertThat(raw.toString()).contains("From: <<<not an address", "--never-closed", "Still readable");
        }
    }

    @Test
    void htmlOnlyMailGetsATextRendering() throws Exception {
        TestInbox inbox = newInbox();
        deliver(inbox.address(), "From: news@example.com\nTo: " + inbox.address()
            + "\nSubject: HTML\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>Line one</p><p>Line two</p></body></html>\n");

        JsonNode message = byMessageIdAfter(inbox, "HTML");
        assertThat(message.get("text").asText()).isEqualTo("Line one\nLine two");
        assertThat(message.get("preview").asText()).isEqualTo("Line one Line two");
    }

    private static JsonNode byMessageIdAfter(TestInbox inbox, String subject) {
        awaitMessages(inbox, 1);
        return byMessageId(inbox, subject);
    }

    @Test
    void anotherOrganizationSeesNoneOfIt() throws Exception {
        TestInbox inbox = newInbox();
        deliver(inbox.address(), "From: alice@example.com\nTo: " + inbox.address() + "\nSubject: Private\n\nBody\n");
        JsonNode message = awaitMessages(inbox, 1).get("data").get(0);
        ApiClient other = server.api(TestServers.newOrganization(server, "snoop"));

        for (String path : List.of(inbox.path() + "/messages", inbox.path() + "/messages/" + message.get("message_id").asText(),
            inbox.path() + "/threads", inbox.path() + "/threads/" + message.get("thread_id").asText())) {
            assertThat(other.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(other.patch(inbox.path() + "/messages/" + message.get("message_id").asText(), "{\"labels\":[\"x\"]}").status()).isEqualTo(404);
        assertThat(other.delete(inbox.path() + "/threads/" + message.get("thread_id").asText()).status()).isEqualTo(404);
        assertThat(api.get(inbox.path() + "/messages/msg_unknown").status()).isEqualTo(404);
        assertThat(api.get(inbox.path() + "/messages?page_size=101").status()).isEqualTo(400);
        assertThat(api.get(inbox.path() + "/messages").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void theInternalEventInterfaceTellsOfReceivedAndSentMail() throws Exception {
        List<MessageEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        TestInbox sender = newInbox();
        TestInbox recipient = newInbox();
        try (AutoCloseable subscription = server.server().instance(MessageEvents.class).subscribe(events::add)) {
            deliver(recipient.address(), "From: alice@example.com\nTo: " + recipient.address() + "\nSubject: Event\n\nBody\n");
            String sentId = api.post(sender.path() + "/messages/send",
                "{\"to\": \"" + recipient.address() + "\", \"subject\": \"Local\", \"text\": \"Hi\"}").json().get("message_id").asText();
            awaitMessages(recipient, 2);

            assertThat(events).filteredOn(event -> event.type() == EventType.MESSAGE_SENT)
                .extracting(event -> event.message().id()).containsExactly(sentId);
            assertThat(events).filteredOn(event -> event.type() == EventType.MESSAGE_RECEIVED)
                .extracting(event -> event.message().inboxId(), event -> event.message().content().subject())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(recipient.id(), "Event"),
                    org.assertj.core.groups.Tuple.tuple(recipient.id(), "Local"));
            assertThat(events).extracting(event -> event.type().wireName()).contains("message.received", "message.sent");
        }
    }
}
