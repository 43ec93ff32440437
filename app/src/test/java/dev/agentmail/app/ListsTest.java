package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.mail.internet.MimeMessage;
import java.io.Writer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Allow and block lists, direction × kind × level (organization, inbox) × entry point, each cell on an organization
 * of its own: the documented refusal where the list refuses, and mail as usual where it admits. Outside mail goes to
 * a real SMTP server (GreenMail) behind AGENTMAIL_SMTP_RELAY; inbound mail comes from a real SMTP client.
 */
class ListsTest {
    private static final String REFUSED = "someone@refused.example";
    private static final String ADMITTED = "friend@admitted.example";

    private static GreenMail outside;
    private static TestServers.RunningServer server;

    enum Kind { ALLOW, BLOCK }

    enum Level { ORGANIZATION, INBOX }

    enum Sending { V0_SEND, REPLY, FORWARD, V1_SEND, DRAFT_SEND, SUBMISSION }

    enum Receiving { ENVELOPE_SENDER, HEADER_FROM, FROM_OUR_OWN_INBOX }

    @BeforeAll
    static void start() {
        outside = TestServers.outsideWorld();
        server = TestServers.start(TestServers.relayingTo(outside, Map.of("AGENTMAIL_BOOTSTRAP_KEY",
            TestServers.BOOTSTRAP_KEY, "AGENTMAIL_STORAGE", "memory")));
    }

    @AfterAll
    static void stop() {
        server.close();
        outside.stop();
    }

    /** An organization of its own with one inbox; {@code key} is the organization's key. */
    private record Cell(ApiClient api, String key, String inboxId, String address) {
        String inbox() {
            return "/api/v0/inboxes/" + inboxId;
        }

        /** Puts the entry on the level's list so that REFUSED is refused and ADMITTED admitted. */
        void list(String direction, Kind kind, Level level) {
            String entry = kind == Kind.BLOCK ? "*.refused.example" : "admitted.example";
            String path = (level == Level.INBOX ? inbox() : "/api/v0") + "/lists/" + direction + "/"
                + kind.name().toLowerCase();
            ApiClient.Reply added = api.post(path, "{\"entry\":\"" + entry + "\",\"reason\":\"test\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
        }
    }

    private static Cell newCell() {
        String key = TestServers.newOrganization(server, "lists-" + UUID.randomUUID());
        ApiClient api = server.api(key);
        JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\":\"lists-" + UUID.randomUUID().toString()
            .substring(0, 8) + "\"}").json();
        return new Cell(api, key, inbox.get("inbox_id").asText(), inbox.get("email_address").asText());
    }

    static Stream<Arguments> sendingCells() {
        return Arrays.stream(Kind.values()).flatMap(kind -> Arrays.stream(Level.values()).flatMap(level ->
            Arrays.stream(Sending.values()).map(entryPoint -> Arguments.of(kind, level, entryPoint))));
    }

    static Stream<Arguments> receivingCells() {
        return Arrays.stream(Kind.values()).flatMap(kind -> Arrays.stream(Level.values()).flatMap(level ->
            Arrays.stream(Receiving.values()).map(entryPoint -> Arguments.of(kind, level, entryPoint))));
    }

    @ParameterizedTest(name = "send {0} list of the {1}, {2}")
    @MethodSource("sendingCells")
    void sendListsHoldOnEveryWayOut(Kind kind, Level level, Sending entryPoint) throws Exception {
        Cell cell = newCell();
        String received = receive(cell, "a.sender@" + (kind == Kind.ALLOW ? "admitted.example" : "elsewhere.example"));
        cell.list("send", kind, level);

        Attempt refused = attempt(cell, entryPoint, REFUSED, received);
        assertThat(refused.status()).as(refused.text()).isEqualTo(entryPoint == Sending.SUBMISSION ? 550 : 403);
        assertThat(refused.text()).contains(REFUSED);
        if (entryPoint == Sending.SUBMISSION) {
            assertThat(refused.text()).contains("5.7.1");
        } else if (entryPoint != Sending.V1_SEND) {
            assertThat(refused.text()).contains("\"error\":\"forbidden\"");
        }
        if (entryPoint == Sending.V0_SEND) {
            // One refused recipient stops the whole message, the admitted ones too.
            ApiClient.Reply mixed = cell.api().post(cell.inbox() + "/messages/send", "{\"to\":[\"" + ADMITTED
                + "\",\"" + REFUSED + "\"],\"subject\":\"mixed\",\"text\":\"hi\"}");
            assertThat(mixed.status()).as(mixed.body()).isEqualTo(403);
        }

        String marker = "marker-" + UUID.randomUUID().toString().substring(0, 8) + "@admitted.example";
        Attempt admitted = attempt(cell, entryPoint, marker, received);
        assertThat(admitted.status()).as(admitted.text()).isIn(200, 201, 250);
        await().atMost(Duration.ofSeconds(30)).until(() -> recipientsOutside().contains(marker));
        assertThat(recipientsOutside()).doesNotContain(REFUSED);
        if (entryPoint != Sending.SUBMISSION) {
            assertThat(cell.api().get(cell.inbox() + "/messages").json().get("total").asInt())
                .as("the received message and the admitted one sent, nothing refused in Sent").isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "receive {0} list of the {1}, {2}")
    @MethodSource("receivingCells")
    void receiveListsHoldOnEveryWayIn(Kind kind, Level level, Receiving entryPoint) throws Exception {
        Cell cell = newCell();
        cell.list("receive", kind, level);
        Cell ours = entryPoint == Receiving.FROM_OUR_OWN_INBOX ? newCell() : null;

        if (entryPoint == Receiving.FROM_OUR_OWN_INBOX) {
            // Mail between our own inboxes, through the API: the sender hears 403 naming the recipient.
            ApiClient.Reply sent = ours.api().post(ours.inbox() + "/messages/send", "{\"to\":\"" + cell.address()
                + "\",\"subject\":\"local\",\"text\":\"hi\"}");
            // Our inbox is on no list: an allow list refuses it, the block list lets it through.
            boolean refused = kind == Kind.ALLOW;
            assertThat(sent.status()).as(sent.body()).isEqualTo(refused ? 403 : 200);
            if (refused) {
                assertThat(sent.json().get("message").asText()).contains(cell.address());
            }
            return;
        }
        try (Session smtp = new Session(server.config().smtpPort())) {
            String envelope = entryPoint == Receiving.ENVELOPE_SENDER ? REFUSED : ADMITTED;
            String header = entryPoint == Receiving.HEADER_FROM ? REFUSED : ADMITTED;
            assertThat(smtp.client.setSender(envelope)).isTrue();
            boolean accepted = smtp.client.addRecipient(cell.address());
            if (entryPoint == Receiving.ENVELOPE_SENDER) {
                assertThat(accepted).isFalse();
                assertThat(smtp.client.getReplyString()).startsWith("550 5.7.1").contains(REFUSED);
            } else {
                assertThat(accepted).as(smtp.client.getReplyString()).isTrue();
                assertThat(smtp.data(header, cell.address(), "from a list")).isFalse();
                assertThat(smtp.client.getReplyString()).startsWith("550 5.7.1").contains(REFUSED);
            }
        }
        String admitted = receive(cell, ADMITTED);
        assertThat(admitted).startsWith("msg_");
        assertThat(cell.api().get(cell.inbox() + "/messages").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void aHeaderFromRefusedByOneInboxStillReachesTheOthers() throws Exception {
        Cell strict = newCell();
        Cell open = newCell();
        strict.list("receive", Kind.BLOCK, Level.INBOX);
        try (Session smtp = new Session(server.config().smtpPort())) {
            assertThat(smtp.client.setSender(ADMITTED)).isTrue();
            assertThat(smtp.client.addRecipient(strict.address())).isTrue();
            assertThat(smtp.client.addRecipient(open.address())).isTrue();
            assertThat(smtp.data(REFUSED, strict.address(), "two inboxes")).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
            open.api().get(open.inbox() + "/messages").json().get("total").asInt() == 1);
        assertThat(strict.api().get(strict.inbox() + "/messages").json().get("total").asInt()).isZero();
    }

    @Test
    void theRefusingInboxHearsMessageRejected() throws Exception {
        Cell cell = newCell();
        cell.list("receive", Kind.BLOCK, Level.ORGANIZATION);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhooksTest.subscribe(cell.api(), receiver, "{\"url\":\"RECEIVER\",\"event_types\":[\"message.rejected\"]}");
            try (Session smtp = new Session(server.config().smtpPort())) {
                assertThat(smtp.client.setSender(REFUSED)).isTrue();
                assertThat(smtp.client.addRecipient(cell.address())).isFalse();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.verified("message.rejected").isEmpty());
            JsonNode event = receiver.verified("message.rejected").get(0).payload();
            assertThat(event.get("message").get("inbox_id").asText()).isEqualTo(cell.inboxId());
            assertThat(event.get("message").get("from").asText()).isEqualTo(REFUSED);
            assertThat(event.get("recipients").get(0).asText()).isEqualTo(cell.address());
        }
    }

    @Test
    void listsAreManagedPagedValidatedAndPrivateToTheirOrganization() {
        Cell cell = newCell();
        Cell other = newCell();
        String blocks = cell.inbox() + "/lists/receive/block";
        for (String entry : List.of("c.example", "A@B.Example", "*.d.example")) {
            assertThat(cell.api().post(blocks, "{\"entry\":\"" + entry + "\"}").status()).isEqualTo(201);
        }
        ApiClient.Reply again = cell.api().post(blocks, "{\"entry\":\"a@b.example\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("conflict");

        JsonNode page = cell.api().get(blocks + "?page=1&page_size=2").json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("data").get(0).get("entry").asText()).isEqualTo("*.d.example");
        assertThat(page.get("data").get(1).get("entry").asText()).isEqualTo("a@b.example");
        assertThat(page.get("data").get(1).get("inbox_id").asText()).isEqualTo(cell.inboxId());
        assertThat(cell.api().get("/api/v0/lists/receive/block").json().get("total").asInt()).isZero();

        for (String bad : List.of("", "not an address", "a@", "*.", "x@*.example.com", "1.2.3.4")) {
            ApiClient.Reply invalid = cell.api().post(blocks, "{\"entry\":\"" + bad + "\"}");
            assertThat(invalid.status()).as(bad).isEqualTo(400);
            assertThat(invalid.json().get("field").asText()).isEqualTo("entry");
        }
        assertThat(cell.api().get(cell.inbox() + "/lists/sideways/block").status()).isEqualTo(404);
        assertThat(other.api().get(blocks).status()).as("another organization's inbox").isEqualTo(404);
        assertThat(other.api().post(blocks, "{\"entry\":\"x.example\"}").status()).isEqualTo(404);
        assertThat(other.api().delete(blocks + "/c.example").status()).isEqualTo(404);

        assertThat(cell.api().delete(blocks + "/C.example").status()).isEqualTo(204);
        assertThat(cell.api().delete(blocks + "/c.example").status()).isEqualTo(404);
        assertThat(cell.api().get(blocks).json().get("total").asInt()).isEqualTo(2);
    }

    private record Attempt(int status, String text) {
    }

    private static Attempt attempt(Cell cell, Sending entryPoint, String to, String receivedId) throws Exception {
        ApiClient.Reply reply = switch (entryPoint) {
            case V0_SEND -> cell.api().post(cell.inbox() + "/messages/send",
                "{\"to\":\"" + to + "\",\"subject\":\"hello\",\"text\":\"hi\"}");
            case REPLY -> cell.api().post(cell.inbox() + "/messages/" + receivedId + "/reply",
                "{\"text\":\"thanks\",\"cc\":\"" + to + "\"}");
            case FORWARD -> cell.api().post(cell.inbox() + "/messages/" + receivedId + "/forward",
                "{\"to\":\"" + to + "\",\"text\":\"fyi\"}");
            case V1_SEND -> v1(cell, "/api/v1/inboxes/" + cell.inboxId() + "/messages",
                "{\"to\":\"" + to + "\",\"subject\":\"hello\",\"body\":\"hi\"}");
            case DRAFT_SEND -> {
                ApiClient.Reply draft = cell.api().post(cell.inbox() + "/drafts",
                    "{\"to\":\"" + to + "\",\"subject\":\"drafted\",\"text\":\"hi\"}");
                assertThat(draft.status()).as(draft.body()).isEqualTo(201);
                yield cell.api().post(cell.inbox() + "/drafts/" + draft.json().get("draft_id").asText() + "/send", "{}");
            }
            case SUBMISSION -> null;
        };
        if (reply != null) {
            return new Attempt(reply.status(), reply.body());
        }
        AuthenticatingSMTPClient client = MailClients.submission(server.config().submissionPort(), cell.address(),
            cell.key());
        try {
            client.setSender(cell.address());
            if (!client.addRecipient(to)) {
                return new Attempt(client.getReplyCode(), client.getReplyString());
            }
            try (Writer data = client.sendMessageData()) {
                data.write("From: " + cell.address() + "\r\nTo: " + to + "\r\nSubject: submitted\r\n\r\nhi\r\n");
            }
            client.completePendingCommand();
            return new Attempt(client.getReplyCode(), client.getReplyString());
        } finally {
            client.disconnect();
        }
    }

    private static ApiClient.Reply v1(Cell cell, String path, String body) {
        ApiClient anonymous = server.api(null);
        return anonymous.send(anonymous.request(path).header("X-API-Key", cell.key())
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Mail from outside to the cell's inbox, before any list: @return the received message's id */
    private static String receive(Cell cell, String from) throws Exception {
        int before = cell.api().get(cell.inbox() + "/messages").json().get("total").asInt();
        try (Session smtp = new Session(server.config().smtpPort())) {
            assertThat(smtp.client.setSender(from)).isTrue();
            assertThat(smtp.client.addRecipient(cell.address())).as(smtp.client.getReplyString()).isTrue();
            assertThat(smtp.data(from, cell.address(), "from outside")).as(smtp.client.getReplyString()).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
            cell.api().get(cell.inbox() + "/messages").json().get("total").asInt() > before);
        return cell.api().get(cell.inbox() + "/messages").json().get("data").get(0).get("message_id").asText();
    }

    private static List<String> recipientsOutside() throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : outside.getReceivedMessages()) {
            for (javax.mail.Address address : message.getAllRecipients()) {
                recipients.add(address.toString());
            }
        }
        return recipients;
    }

    /** One SMTP session on the inbound port. */
    private static final class Session implements AutoCloseable {
        final SMTPClient client;

        Session(int port) throws Exception {
            client = MailClients.smtp(port);
        }

        boolean data(String from, String to, String subject) throws Exception {
            try (Writer data = client.sendMessageData()) {
                if (data == null) {
                    return false;
                }
                data.write("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                    + UUID.randomUUID() + "@client.example.net>\r\n\r\nHello.\r\n");
            }
            return client.completePendingCommand();
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
        }
    }
}
