package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.sun.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.mail.Flags;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drafts and human approval with real clients: the API, Jakarta Mail over IMAP as a person's mail program, and a
 * real SMTP server on loopback (GreenMail) behind AGENTMAIL_SMTP_RELAY as the outside world.
 */
class DraftsTest {
    private static final String DRAFT_ID = "X-Agentmail-Draft-Id";
    private static GreenMail outside;
    private static TestServers.RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        outside = TestServers.outsideWorld();
        server = TestServers.start(Files.createTempDirectory("agentmail-drafts"),
            TestServers.relayingTo(outside, Map.of("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY)));
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

    private static TestInbox newInbox(String sendMode) {
        ApiClient.Reply created = api.post("/api/v0/inboxes", "{\"username\":\"drafts-"
            + UUID.randomUUID().toString().substring(0, 8) + "\",\"send_mode\":\"" + sendMode + "\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("send_mode").asText()).isEqualTo(sendMode);
        return new TestInbox(created.json().get("inbox_id").asText(), created.json().get("email_address").asText());
    }

    private static Store imap(TestInbox inbox) throws Exception {
        return MailClients.imap(server.config().imapPort(), inbox.address(), TestServers.BOOTSTRAP_KEY);
    }

    private static long receivedWithSubject(String subject) throws Exception {
        long count = 0;
        for (MimeMessage message : outside.getReceivedMessages()) {
            if (subject.equals(message.getSubject())) {
                count++;
            }
        }
        return count;
    }

    private static Message draftMessage(Folder drafts, String draftId) throws Exception {
        for (Message message : drafts.getMessages()) {
            String[] ids = message.getHeader(DRAFT_ID);
            if (ids != null && draftId.equals(ids[0].strip())) {
                return message;
            }
        }
        throw new AssertionError("no message of draft " + draftId + " in " + drafts.getFullName());
    }

    @Test
    void anApprovalInboxHoldsSendsUntilAPersonMovesThemToApprovedAndARejectedOneNeverLeaves() throws Exception {
        TestInbox inbox = newInbox("approval");
        ApiClient.Reply held = api.post(inbox.path() + "/messages/send",
            "{\"to\":\"customer@example.net\",\"subject\":\"Approve me\",\"text\":\"The refund is on its way.\"}");
        assertThat(held.status()).isEqualTo(202);
        assertThat(held.json().get("status").asText()).isEqualTo("pending_approval");
        String approvedId = held.json().get("draft_id").asText();
        ApiClient.Reply second = api.post(inbox.path() + "/messages/send",
            "{\"to\":\"customer@example.net\",\"subject\":\"Reject me\",\"text\":\"Never send this.\"}");
        assertThat(second.status()).isEqualTo(202);
        String rejectedId = second.json().get("draft_id").asText();

        JsonNode queue = api.get("/api/v0/drafts?status=pending_approval&page_size=100").json();
        assertThat(queue.get("data").findValuesAsText("draft_id")).contains(approvedId, rejectedId);

        ApiClient.Reply rejected = api.post(inbox.path() + "/drafts/" + rejectedId + "/reject",
            "{\"reason\":\"too blunt\"}");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.json().get("reason").asText()).isEqualTo("too blunt");

        try (Store store = imap(inbox)) {
            Folder drafts = store.getFolder("Drafts");
            drafts.open(Folder.READ_WRITE);
            Message draft = draftMessage(drafts, approvedId);
            assertThat(draft.getSubject()).isEqualTo("Approve me");
            assertThat(draft.isSet(Flags.Flag.DRAFT)).isTrue();
            assertThat(Arrays.stream(drafts.getMessages()).filter(message -> {
                try {
                    return "Reject me".equals(message.getSubject());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).as("a rejected draft leaves Drafts").isEmpty();

            ((IMAPFolder) drafts).moveMessages(new Message[]{draft}, store.getFolder("Approved"));
            drafts.close(false);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> receivedWithSubject("Approve me") == 1);
        JsonNode sent = api.get(inbox.path() + "/drafts/" + approvedId).json();
        assertThat(sent.get("status").asText()).isEqualTo("sent");
        assertThat(sent.get("message_id").asText()).startsWith("msg_");
        assertThat(api.get(inbox.path() + "/messages/" + sent.get("message_id").asText()).status()).isEqualTo(200);

        Thread.sleep(3_000);
        assertThat(receivedWithSubject("Approve me")).as("delivered exactly once").isEqualTo(1);
        assertThat(receivedWithSubject("Reject me")).as("the rejected draft never left").isZero();
        try (Store store = imap(inbox)) {
            for (String name : List.of("Drafts", "Approved")) {
                Folder folder = store.getFolder(name);
                folder.open(Folder.READ_ONLY);
                assertThat(folder.getMessageCount()).as(name + " is empty once the draft is sent").isZero();
                folder.close(false);
            }
        }
        assertThat(api.get(inbox.path() + "/drafts/" + rejectedId).json().get("status").asText()).isEqualTo("rejected");
    }

    @Test
    void mailAnApprovalInboxSubmitsOverSmtpIsHeldUntilApproved() throws Exception {
        TestInbox inbox = newInbox("approval");
        var submission = MailClients.submission(server.config().submissionPort(), inbox.address(),
            TestServers.BOOTSTRAP_KEY);
        assertThat(MailClients.send(submission, inbox.address(), "partner@example.net", "Submitted for approval"))
            .as("accepted").isTrue();
        submission.disconnect();

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(inbox.path() + "/drafts").json()
            .get("data").findValuesAsText("subject").contains("Submitted for approval"));
        JsonNode draft = api.get(inbox.path() + "/drafts").json().get("data").get(0);
        assertThat(draft.get("status").asText()).isEqualTo("pending_approval");
        assertThat(draft.get("to").get(0).asText()).contains("partner@example.net");
        Thread.sleep(2_000);
        assertThat(receivedWithSubject("Submitted for approval")).as("held, not sent").isZero();

        ApiClient.Reply approved = api.post(inbox.path() + "/drafts/" + draft.get("draft_id").asText() + "/approve",
            "{}");
        assertThat(approved.json().get("status").asText()).isEqualTo("sent");
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedWithSubject("Submitted for approval") == 1);
        Thread.sleep(2_000);
        assertThat(receivedWithSubject("Submitted for approval")).as("once, not held again").isEqualTo(1);
    }

    @Test
    void aDraftEditedInAMailClientKeepsItsIdAndShowsTheNewText() throws Exception {
        TestInbox inbox = newInbox("direct");
        ApiClient.Reply created = api.post(inbox.path() + "/drafts",
            "{\"to\":\"friend@example.net\",\"subject\":\"Plans\",\"text\":\"First version\"}");
        assertThat(created.status()).isEqualTo(201);
        String draftId = created.json().get("draft_id").asText();
        assertThat(created.json().get("status").asText()).isEqualTo("draft");

        try (Store store = imap(inbox)) {
            IMAPFolder drafts = (IMAPFolder) store.getFolder("Drafts");
            drafts.open(Folder.READ_WRITE);
            MimeMessage old = (MimeMessage) draftMessage(drafts, draftId);
            // What a mail client does on save: append the new version, then expunge the old one.
            MimeMessage edited = new MimeMessage(old);
            edited.setText("Second version, edited in a mail client");
            edited.setFlag(Flags.Flag.DRAFT, true);
            edited.saveChanges();
            drafts.appendMessages(new Message[]{edited});
            old.setFlag(Flags.Flag.DELETED, true);
            drafts.expunge();

            MimeMessage mine = new MimeMessage(Session.getInstance(new Properties()));
            mine.setFrom(inbox.address());
            mine.setRecipients(Message.RecipientType.TO, "other@example.net");
            mine.setSubject("Written in the client");
            mine.setText("No header of ours");
            mine.setFlag(Flags.Flag.DRAFT, true);
            drafts.appendMessages(new Message[]{mine});
            drafts.close(false);
        }

        JsonNode draft = api.get(inbox.path() + "/drafts/" + draftId).json();
        assertThat(draft.get("text").asText()).isEqualTo("Second version, edited in a mail client");
        assertThat(draft.get("subject").asText()).isEqualTo("Plans");
        JsonNode list = api.get(inbox.path() + "/drafts").json();
        assertThat(list.get("total").asLong()).isEqualTo(2);
        assertThat(list.get("data").findValuesAsText("subject")).containsExactlyInAnyOrder("Plans", "Written in the client");

        ApiClient.Reply sent = api.post(inbox.path() + "/drafts/" + draftId + "/send", "{}");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().get("status").asText()).isEqualTo("sent");
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedWithSubject("Plans") == 1);
        assertThat(outside.getReceivedMessages()[0].getContent().toString()).contains("Second version");
    }

    @Test
    void anotherOrganizationDoesNotSeeTheDrafts() {
        TestInbox inbox = newInbox("direct");
        String draftId = api.post(inbox.path() + "/drafts", "{\"subject\":\"mine\"}").json().get("draft_id").asText();
        ApiClient other = server.api(TestServers.newOrganization(server, "Other drafts org"));

        assertThat(other.get(inbox.path() + "/drafts/" + draftId).status()).isEqualTo(404);
        assertThat(other.post(inbox.path() + "/drafts/" + draftId + "/send", "{}").status()).isEqualTo(404);
        assertThat(other.delete(inbox.path() + "/drafts/" + draftId).status()).isEqualTo(404);
        assertThat(other.get("/api/v0/drafts").json().get("total").asLong()).isZero();
        assertThat(api.get("/api/v0/drafts?status=nonsense").status()).isEqualTo(400);
    }

    @Test
    void deletingAScheduledDraftCancelsIt() throws Exception {
        TestInbox inbox = newInbox("direct");
        String at = java.time.Instant.now().plusSeconds(3).toString();
        JsonNode draft = api.post(inbox.path() + "/drafts", "{\"to\":\"later@example.net\",\"subject\":\"Cancelled\","
            + "\"text\":\"x\",\"send_at\":\"" + at + "\"}").json();
        assertThat(draft.get("status").asText()).isEqualTo("scheduled");
        assertThat(api.delete(inbox.path() + "/drafts/" + draft.get("draft_id").asText()).status()).isEqualTo(204);

        Thread.sleep(6_000);
        assertThat(receivedWithSubject("Cancelled")).isZero();
    }
}
