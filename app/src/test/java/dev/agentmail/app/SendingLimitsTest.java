package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Writer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending limits at the counts AGENTMAIL_SEND_LIMITS and AGENTMAIL_THREAD_SEND_LIMIT set, on every way out: v0 send,
 * reply, forward, draft send, v1 send and submission (MCP's tools call the same SendService). Day windows, so that no
 * window ends during a test; the window arithmetic is SendLimitsTest's in the domain. Outside mail goes to GreenMail.
 */
class SendingLimitsTest {
    private static GreenMail outside;
    private static TestServers.RunningServer server;

    @BeforeAll
    static void start() {
        outside = TestServers.outsideWorld();
        server = TestServers.start(TestServers.relayingTo(outside, Map.of("AGENTMAIL_BOOTSTRAP_KEY",
            TestServers.BOOTSTRAP_KEY, "AGENTMAIL_STORAGE", "memory",
            "AGENTMAIL_SEND_LIMITS", "inbox:4/d;org:6/d", "AGENTMAIL_THREAD_SEND_LIMIT", "2")));
    }

    @AfterAll
    static void stop() {
        server.close();
        outside.stop();
    }

    private record Org(String id, String key, ApiClient api) {
        Inbox inbox() {
            JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\":\"limits-" + UUID.randomUUID().toString()
                .substring(0, 8) + "\"}").json();
            return new Inbox(this, inbox.get("inbox_id").asText(), inbox.get("email_address").asText());
        }

        JsonNode organization() {
            return api.get("/api/v0/organizations").json();
        }
    }

    private record Inbox(Org org, String id, String address) {
        ApiClient.Reply send(String... to) {
            return org.api().post(path() + "/messages/send", "{\"to\":" + json(to) + ",\"subject\":\"hello\","
                + "\"text\":\"hi\"}");
        }

        String path() {
            return "/api/v0/inboxes/" + id;
        }
    }

    private static String json(String... values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }

    private static String outsider() {
        return "someone-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
    }

    private static Org newOrganization() {
        ApiClient.Reply created = server.admin().post("/agentmail/organizations", "{\"name\":\"limits-"
            + UUID.randomUUID() + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("api_key").asText();
        return new Org(created.json().get("org_id").asText(), key, server.api(key));
    }

    private static void assertRateLimited(ApiClient.Reply reply, String why) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(429);
        assertThat(reply.json().get("error").asText()).isEqualTo("rate_limited");
        assertThat(reply.json().get("message").asText()).contains(why);
        long retryAfter = Long.parseLong(reply.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 86_400L);
    }

    @Test
    void anInboxSendsToItsLimitOfRecipientsThenEveryWayOutAnswersRateLimitedAndSendsNothing() throws Exception {
        Org org = newOrganization();
        Inbox inbox = org.inbox();
        String first = outsider();
        String second = outsider();
        String third = outsider();
        String received = receive(inbox, "<" + UUID.randomUUID() + "@outside.example>");
        assertThat(inbox.send(first, second).status()).isEqualTo(200);
        ApiClient.Reply forwarded = org.api().post(inbox.path() + "/messages/" + received + "/forward",
            "{\"to\":\"" + third + "\",\"text\":\"fyi\"}");
        assertThat(forwarded.status()).as(forwarded.body()).isEqualTo(200);
        assertThat(v1Send(org, inbox, outsider()).status()).isEqualTo(201);

        String refused = outsider();
        assertRateLimited(inbox.send(refused), "the inbox " + inbox.address()
            + " may send to 4 recipients per day and has sent to 4 this day");
        assertRateLimited(org.api().post(inbox.path() + "/messages/" + received + "/reply", "{\"text\":\"thanks\"}"),
            "4 recipients per day");
        assertRateLimited(org.api().post(inbox.path() + "/messages/" + received + "/forward",
            "{\"to\":\"" + refused + "\",\"text\":\"fyi\"}"), "4 recipients per day");
        ApiClient.Reply draft = org.api().post(inbox.path() + "/drafts", "{\"to\":\"" + refused + "\",\"text\":\"hi\"}");
        assertRateLimited(org.api().post(inbox.path() + "/drafts/" + draft.json().get("draft_id").asText() + "/send",
            "{}"), "4 recipients per day");
        ApiClient.Reply v1 = v1Send(org, inbox, refused);
        assertThat(v1.status()).isEqualTo(429);
        assertThat(v1.json().get("success").asBoolean()).isFalse();
        assertThat(v1.json().get("error").asText()).contains("4 recipients per day");
        assertThat(v1.raw().headers().firstValue("Retry-After")).isPresent();
        AuthenticatingSMTPClient client = MailClients.submission(server.config().submissionPort(), inbox.address(),
            org.key());
        try {
            assertThat(client.setSender(inbox.address())).isTrue();
            assertThat(client.addRecipient(refused)).isFalse();
            assertThat(client.getReplyString()).startsWith("451 4.7.1").contains("4 recipients per day");
        } finally {
            client.disconnect();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> outsideRecipients(first, second, third) == 3);
        assertThat(outsideRecipients(refused)).isZero();
        JsonNode organization = org.organization();
        assertThat(organization.get("send_usage").get("day").asInt()).isEqualTo(4);
        assertThat(organization.get("send_limits").get("inbox").get("per_day").asInt()).isEqualTo(4);
        assertThat(organization.get("send_limits").get("inbox").get("per_minute").asInt()).as("the default").isEqualTo(60);
        assertThat(organization.get("send_limits").get("organization").get("per_day").asInt()).isEqualTo(6);
        assertThat(organization.get("send_limits").get("thread_per_hour").asInt()).isEqualTo(2);
    }

    @Test
    void theOrganizationsLimitCountsEveryInboxAndSubmissionToo() throws Exception {
        Org org = newOrganization();
        Inbox one = org.inbox();
        Inbox two = org.inbox();
        assertThat(one.send(outsider(), outsider(), outsider(), outsider()).status()).isEqualTo(200);

        // Submission: two recipients fit in the organization's six, the third is refused at RCPT, the message goes.
        AuthenticatingSMTPClient client = MailClients.submission(server.config().submissionPort(), two.address(),
            org.key());
        String a = outsider();
        String b = outsider();
        try {
            assertThat(client.setSender(two.address())).isTrue();
            assertThat(client.addRecipient(a)).isTrue();
            assertThat(client.addRecipient(b)).isTrue();
            assertThat(client.addRecipient(outsider())).isFalse();
            assertThat(client.getReplyString()).startsWith("451 4.7.1")
                .contains("the organization may send to 6 recipients per day and has sent to 4");
            try (Writer data = client.sendMessageData()) {
                data.write("From: " + two.address() + "\r\nTo: " + a + ", " + b + "\r\nSubject: submitted\r\n\r\nhi\r\n");
            }
            assertThat(client.completePendingCommand()).as(client.getReplyString()).isTrue();
        } finally {
            client.disconnect();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> outsideRecipients(a, b) == 2);
        assertThat(org.organization().get("send_usage").get("day").asInt()).isEqualTo(6);
        assertRateLimited(two.send(outsider()), "the organization may send to 6 recipients per day and has sent to 6");
    }

    @Test
    void theLoopBreakerRefusesAThirdMessageIntoOneThreadInAnHourSayingWhy() throws Exception {
        Org org = newOrganization();
        Inbox inbox = org.inbox();
        String rfcMessageId = "<" + UUID.randomUUID() + "@outside.example>";
        String received = receive(inbox, rfcMessageId);
        String thread = org.api().get(inbox.path() + "/messages/" + received).json().get("thread_id").asText();
        for (int i = 0; i < 2; i++) {
            ApiClient.Reply reply = org.api().post(inbox.path() + "/messages/" + received + "/reply",
                "{\"text\":\"again\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("thread_id").asText()).isEqualTo(thread);
        }

        assertRateLimited(org.api().post(inbox.path() + "/messages/" + received + "/reply", "{\"text\":\"again\"}"),
            "thread loop limit: the inbox " + inbox.address() + " may send 2 messages per hour into one thread and"
                + " has sent 2 into " + thread);
        // A mail client answering in the thread is refused at the end of DATA, when its References are known.
        AuthenticatingSMTPClient client = MailClients.submission(server.config().submissionPort(), inbox.address(),
            org.key());
        try {
            assertThat(client.setSender(inbox.address())).isTrue();
            assertThat(client.addRecipient("friend@outside.example")).isTrue();
            try (Writer data = client.sendMessageData()) {
                data.write("From: " + inbox.address() + "\r\nTo: friend@outside.example\r\nSubject: Re: from outside\r\n"
                    + "In-Reply-To: " + rfcMessageId + "\r\nReferences: " + rfcMessageId + "\r\n\r\nagain\r\n");
            }
            assertThat(client.completePendingCommand()).isFalse();
            assertThat(client.getReplyString()).startsWith("451 4.7.1").contains("thread loop limit");
        } finally {
            client.disconnect();
        }
        assertThat(inbox.send(outsider()).status()).as("a new thread").isEqualTo(200);
    }

    @Test
    void theOperatorOverridesAnOrganizationsLimitsOnWebAdmin() {
        Org org = newOrganization();
        Org other = newOrganization();
        Inbox inbox = org.inbox();
        String path = "/agentmail/organizations/" + org.id() + "/send-limits";

        ApiClient.Reply set = server.admin().put(path, "{\"inbox\":{\"per_day\":1},\"thread_per_hour\":0}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("overrides").get("inbox").toString()).isEqualTo("{\"per_day\":1}");
        assertThat(set.json().get("overrides").get("thread_per_hour").asInt()).isZero();
        assertThat(set.json().get("overrides").has("organization")).isFalse();
        assertThat(set.json().get("send_limits").get("inbox").get("per_day").asInt()).isEqualTo(1);
        assertThat(set.json().get("send_limits").get("organization").get("per_day").asInt()).isEqualTo(6);
        assertThat(inbox.send(outsider()).status()).isEqualTo(200);
        assertRateLimited(inbox.send(outsider()), "may send to 1 recipients per day");
        assertThat(org.organization().get("send_limits").get("inbox").get("per_day").asInt()).isEqualTo(1);
        assertThat(other.organization().get("send_limits").get("inbox").get("per_day").asInt()).isEqualTo(4);
        assertThat(server.admin().get(path).json().get("send_usage").get("day").asInt()).isEqualTo(1);

        for (String bad : new String[] {"{\"inbox\":{\"per_day\":-1}}", "{\"inbox\":{\"per_day\":\"x\"}}",
            "{\"inbox\":{\"per_week\":1}}", "[]"}) {
            ApiClient.Reply refused = server.admin().put(path, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).isEqualTo("InvalidArgument");
        }
        assertThat(server.admin().put("/agentmail/organizations/org_nope/send-limits", "{}").status()).isEqualTo(404);

        ApiClient.Reply removed = server.admin().delete(path);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("overrides").toString()).isEqualTo("{}");
        assertThat(inbox.send(outsider()).status()).as("the default of 4 again").isEqualTo(200);
    }

    private static ApiClient.Reply v1Send(Org org, Inbox inbox, String to) {
        ApiClient anonymous = server.api(null);
        return anonymous.send(anonymous.request("/api/v1/inboxes/" + inbox.id() + "/messages").header("X-API-Key", org.key())
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"to\":\"" + to + "\",\"subject\":\"hello\",\"body\":\"hi\"}")));
    }

    /** Mail from outside to the inbox: @return the received message's id */
    private static String receive(Inbox inbox, String rfcMessageId) throws Exception {
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        try {
            assertThat(smtp.setSender("sender@outside.example")).isTrue();
            assertThat(smtp.addRecipient(inbox.address())).isTrue();
            try (Writer data = smtp.sendMessageData()) {
                data.write("From: sender@outside.example\r\nTo: " + inbox.address() + "\r\nSubject: from outside\r\n"
                    + "Message-ID: " + rfcMessageId + "\r\n\r\nHello.\r\n");
            }
            assertThat(smtp.completePendingCommand()).isTrue();
        } finally {
            smtp.disconnect();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
            inbox.org().api().get(inbox.path() + "/messages").json().get("total").asInt() > 0);
        return inbox.org().api().get(inbox.path() + "/messages").json().get("data").get(0).get("message_id").asText();
    }

    /** How many of these addresses the outside server got mail for; it keeps a copy per recipient. */
    private static long outsideRecipients(String... addresses) throws Exception {
        java.util.Set<String> recipients = new java.util.HashSet<>();
        for (javax.mail.internet.MimeMessage message : outside.getReceivedMessages()) {
            for (javax.mail.Address address : message.getAllRecipients()) {
                recipients.add(address.toString());
            }
        }
        return java.util.Arrays.stream(addresses).filter(recipients::contains).count();
    }
}
