package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.mail.Store;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** GET …/messages/latest with wait and since, and deleting a message. */
class WaitForMailTest {
    private static TestServers.RunningServer server;
    private static String key;
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        key = TestServers.newOrganization(server, "waiting");
        api = server.api(key);
    }

    private static JsonNode newInbox() {
        return api.post("/api/v0/inboxes", "{\"username\":\"wait-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").json();
    }

    private static void deliver(String address, String subject) throws Exception {
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        assertThat(MailClients.send(smtp, "service@example.com", address, subject)).isTrue();
        smtp.disconnect();
    }

    @Test
    void aWaitingCallAnswersAsSoonAsMailArrives() throws Exception {
        JsonNode inbox = newInbox();
        String path = "/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages/latest?wait=30";
        CompletableFuture<HttpResponse<String>> waiting = api.sendAsync(api.request(path).GET());
        Thread.sleep(1_000);
        assertThat(waiting).isNotDone();

        deliver(inbox.get("email_address").asText(), "Your code is 424242");
        long delivered = System.nanoTime();
        HttpResponse<String> answer = waiting.get(10, TimeUnit.SECONDS);
        long afterDelivery = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - delivered);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(answer.body()).get("subject").asText()).isEqualTo("Your code is 424242");
        System.out.printf("latest?wait answered %d ms after SMTP accepted the mail%n", afterDelivery);
        assertThat(afterDelivery).isLessThan(2_000);
    }

    @Test
    void theWaitEndsOnTimeWithA404() {
        JsonNode inbox = newInbox();
        long start = System.nanoTime();
        ApiClient.Reply reply = api.get("/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages/latest?wait=2");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("message").asText()).contains("2 seconds");
        assertThat(elapsed).isBetween(1_900L, 5_000L);
        assertThat(api.get("/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages/latest").status()).isEqualTo(404);
    }

    @Test
    void sinceSkipsWhatWasAlreadySeen() throws Exception {
        JsonNode inbox = newInbox();
        String base = "/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages/latest";
        deliver(inbox.get("email_address").asText(), "First");
        JsonNode first = null;
        for (int attempt = 0; attempt < 50 && (first == null || first.get("subject") == null); attempt++) {
            first = api.get(base + "?wait=5").json();
        }
        assertThat(first.get("subject").asText()).isEqualTo("First");
        String firstId = first.get("message_id").asText();

        assertThat(api.get(base + "?since=" + firstId).status()).isEqualTo(404);
        CompletableFuture<HttpResponse<String>> next = api.sendAsync(api.request(base + "?wait=20&since=" + firstId).GET());
        Thread.sleep(50);
        deliver(inbox.get("email_address").asText(), "Second");
        assertThat(new ObjectMapper().readTree(next.get(20, TimeUnit.SECONDS).body()).get("subject").asText()).isEqualTo("Second");
        assertThat(api.get(base + "?since=2000-01-01T00:00:00Z").json().get("subject").asText()).isEqualTo("Second");
    }

    @Test
    void badWaitOrSinceIsRefused() {
        String base = "/api/v0/inboxes/" + newInbox().get("inbox_id").asText() + "/messages/latest";
        for (String query : new String[] {"?wait=121", "?wait=-1", "?wait=soon", "?since=yesterday", "?since=msg_unknown"}) {
            assertThat(api.get(base + query).status()).as(query).isIn(400, 404);
        }
        assertThat(api.get(base + "?wait=121").json().get("field").asText()).isEqualTo("wait");
        assertThat(api.get(base + "?since=yesterday").json().get("field").asText()).isEqualTo("since");
        ApiClient other = server.api(TestServers.newOrganization(server, "other-waiter"));
        assertThat(other.get(base).status()).isEqualTo(404);
    }

    @Test
    void aDeletedMessageLeavesTheApiAndImap() throws Exception {
        JsonNode inbox = newInbox();
        deliver(inbox.get("email_address").asText(), "Delete me");
        JsonNode message = api.get("/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages/latest?wait=10").json();
        String path = "/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages/" + message.get("message_id").asText();

        ApiClient other = server.api(TestServers.newOrganization(server, "other-deleter"));
        assertThat(other.delete(path).status()).isEqualTo(404);
        assertThat(api.delete(path).status()).isEqualTo(204);
        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(api.delete(path).status()).isEqualTo(404);
        try (Store store = MailClients.imap(server.config().imapPort(), inbox.get("email_address").asText(), key)) {
            assertThat(MailClients.openInbox(store).getMessageCount()).isZero();
        }
    }

    @Test
    void theCodeCallAnswersWithTheCodeOfASignUpMail() throws Exception {
        JsonNode inbox = newInbox();
        String base = "/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages";
        CompletableFuture<HttpResponse<String>> waiting = api.sendAsync(api.request(base + "/code?wait=30").GET());
        Thread.sleep(300);
        deliver(inbox.get("email_address").asText(), "Welcome to Example!");
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        smtp.setSender("noreply@example.com");
        smtp.addRecipient(inbox.get("email_address").asText());
        try (var data = smtp.sendMessageData()) {
            data.write("From: Example <noreply@example.com>\r\nTo: " + inbox.get("email_address").asText()
                + "\r\nSubject: Verify your account\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<p>Hi!</p><p>Your verification code is <strong>847 293</strong>. It expires in 10 minutes.</p>"
                + "<p>Order questions? Call +1 (555) 123-4567.</p><a href=\"https://example.com/unsubscribe\">Unsubscribe</a>\r\n");
        }
        assertThat(smtp.completePendingCommand()).isTrue();
        smtp.disconnect();
        long delivered = System.nanoTime();

        HttpResponse<String> answer = waiting.get(10, TimeUnit.SECONDS);
        System.out.printf("code?wait answered %d ms after SMTP accepted the mail%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - delivered));
        JsonNode code = new ObjectMapper().readTree(answer.body());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(code.get("code").asText()).isEqualTo("847293");
        assertThat(code.get("text").asText()).contains("Your verification code is 847 293");
        assertThat(code.get("link").isNull()).isTrue();

        JsonNode message = api.get(base + "/" + code.get("message_id").asText()).json();
        assertThat(message.get("verification_code").asText()).isEqualTo("847293");
        assertThat(api.get(base + "/code?since=" + code.get("message_id").asText()).status()).isEqualTo(404);
    }
}
