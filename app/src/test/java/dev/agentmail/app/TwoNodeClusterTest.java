package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.mail.Flags;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server processes on one Cassandra, OpenSearch and RabbitMQ, as operators run the distributed profile: what one
 * node accepts, the other serves; webhook work is shared without sending an event twice; a sending limit counts the
 * sends of both; and SIGKILL of a node in the middle of SMTP ingest loses no acknowledged message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {
    private static final String KEY = "inai_two_node_cluster_key_0123456789";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Path dir;
    private static Node one;
    private static Node two;
    private static String address;
    private static String inboxId;

    private record Node(ForkedServer server, Map<String, String> env, ApiClient api) {
        int port(String setting) {
            return Integer.parseInt(env.get(setting));
        }

        int smtpPort() {
            return port("AGENTMAIL_SMTP_PORT");
        }

        int imapPort() {
            return port("AGENTMAIL_IMAP_PORT");
        }
    }

    @BeforeAll
    static void startTwoNodes() throws Exception {
        Map<String, String> deployment = TestCluster.newDeployment();
        // Under target/, so that the nodes' logs are there to read when a test fails.
        dir = Files.createDirectories(Path.of("target", "two-node-cluster")).toAbsolutePath();
        dir = Files.createTempDirectory(dir, "run-");
        // The first node alone makes the schema (Cassandra prefers schema changes from one client at a time).
        one = start(deployment, "one");
        two = start(deployment, "two");
        JsonNode inbox = one.api().post("/api/v0/inboxes", "{\"username\":\"cluster\"}").json();
        address = inbox.get("email_address").asText();
        inboxId = inbox.get("inbox_id").asText();
    }

    private static Node start(Map<String, String> deployment, String name) throws Exception {
        Map<String, String> env = new HashMap<>(deployment);
        Path dataDir = Files.createDirectories(dir.resolve(name));
        env.put("AGENTMAIL_DATA_DIR", dataDir.toString());
        env.put("AGENTMAIL_BOOTSTRAP_KEY", KEY);
        env.put("AGENTMAIL_ALLOW_PRIVATE_TARGETS", "true");
        env.put("AGENTMAIL_WEBHOOK_RETRY_SCHEDULE", "500ms,1s,2s");
        for (String port : List.of("AGENTMAIL_API_PORT", "AGENTMAIL_SMTP_PORT", "AGENTMAIL_SUBMISSION_PORT",
            "AGENTMAIL_IMAP_PORT", "AGENTMAIL_ADMIN_PORT", "AGENTMAIL_SUBMISSIONS_PORT", "AGENTMAIL_IMAPS_PORT")) {
            env.put(port, String.valueOf(FreePorts.next()));
        }
        ForkedServer server = ForkedServer.start(env, dataDir.resolve("server.log"));
        return new Node(server, env, new ApiClient("http://127.0.0.1:" + env.get("AGENTMAIL_API_PORT"), KEY));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (Node node : new Node[] {one, two}) {
            if (node != null) {
                node.server().stop();
            }
        }
    }

    @Test
    @Order(1)
    void mailReceivedOnNodeTwoIsListedThroughNodeOne() throws Exception {
        sendTo(two, "hello via node two");

        JsonNode message = awaitMessage(one, "hello via node two");
        assertThat(message.get("inbox_id").asText()).isEqualTo(inboxId);
        assertThat(one.api().get("/api/v0/inboxes/" + inboxId + "/messages/" + message.get("message_id").asText())
            .status()).isEqualTo(200);
        assertThat(two.api().get("/api/v0/inboxes/" + inboxId + "/messages/" + message.get("message_id").asText())
            .status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aLabelSetThroughNodeOneShowsOverImapOnNodeTwo() throws Exception {
        sendTo(one, "to be labelled");
        String messageId = awaitMessage(one, "to be labelled").get("message_id").asText();

        ApiClient.Reply patched = one.api().patch("/api/v0/inboxes/" + inboxId + "/messages/" + messageId,
            "{\"labels\":[\"important\"]}");

        assertThat(patched.status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(imapKeywords(two, "to be labelled")).contains("important"));
    }

    @Test
    @Order(3)
    void aLongPollAndAnEventStreamOnNodeOneHearOfMailReceivedOnNodeTwo() throws Exception {
        CompletableFuture<ApiClient.Reply> waiting = CompletableFuture.supplyAsync(() ->
            one.api().get("/api/v0/inboxes/" + inboxId + "/messages/latest?wait=60&since=" + newestMessageId()));
        try (EventStreamTest.Stream stream = new EventStreamTest.Stream(one.api(),
            one.api().request("/api/v0/events?event_types=message.received&inbox_ids=" + inboxId))) {
            Thread.sleep(1_000);
            assertThat(waiting).isNotDone();

            sendTo(two, "wakes node one");

            ApiClient.Reply reply = waiting.get(30, TimeUnit.SECONDS);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("subject").asText()).isEqualTo("wakes node one");
            // Within 10 s, before the stream's own 15 s look: the other node's notice rang this one.
            assertThat(stream.next().data().get("message").get("subject").asText()).isEqualTo("wakes node one");
        }
    }

    @Test
    @Order(4)
    void eachWebhookEventIsDeliveredOnceWhileBothNodesWork() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ApiClient.Reply created = one.api().post("/api/v0/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":[\"message.received\"],\"inbox_ids\":[\"" + inboxId + "\"]}");
            assertThat(created.status()).isEqualTo(201);
            receiver.trust(created.json().get("secret").asText());
            int mails = 20;
            for (int i = 0; i < mails; i++) {
                sendTo(i % 2 == 0 ? one : two, "webhook " + i);
            }

            await().atMost(PATIENCE).until(() -> receiver.verified("message.received").size() >= mails);
            // Time for a second delivery of any event to show up, were one to be made.
            Thread.sleep(3_000);
            List<WebhookReceiver.Received> received = receiver.verified("message.received");
            Set<String> subjects = received.stream()
                .map(delivery -> delivery.payload().get("message").get("subject").asText())
                .collect(Collectors.toSet());
            assertThat(subjects).hasSize(mails);
            assertThat(received).hasSize(mails);
            assertThat(received.stream().map(WebhookReceiver.Received::webhookId).distinct()).hasSize(mails);
        }
    }

    /** Half the calls to each node, at once: the key's claim is a lightweight transaction, so one node alone sends. */
    @Test
    @Order(5)
    void twentyConcurrentSendsWithOneIdempotencyKeyOnTwoNodesDeliverOneMessage() throws Exception {
        String sender = two.api().post("/api/v0/inboxes", "{\"username\":\"cluster-sender\"}").json().get("inbox_id")
            .asText();
        String key = java.util.UUID.randomUUID().toString();
        String subject = "idempotent across nodes";
        String body = "{\"to\":[\"" + address + "\"],\"subject\":\"" + subject + "\",\"text\":\"once\"}";
        int calls = 20;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Future<ApiClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                Node node = i % 2 == 0 ? one : two;
                replies.add(pool.submit(() -> {
                    go.await();
                    return IdempotencyTest.post(node.api(), "/api/v0/inboxes/" + sender + "/messages/send", key, body);
                }));
            }
            go.countDown();
            List<ApiClient.Reply> answers = new ArrayList<>();
            for (Future<ApiClient.Reply> reply : replies) {
                answers.add(reply.get(2, TimeUnit.MINUTES));
            }
            assertThat(answers).extracting(ApiClient.Reply::status).containsOnly(200);
            assertThat(answers).extracting(ApiClient.Reply::body).containsOnly(answers.get(0).body());
        } finally {
            pool.shutdownNow();
        }

        await().atMost(PATIENCE).until(() -> imapSubjectCounts(one).getOrDefault(subject, 0) >= 1);
        // Time for a second copy to arrive, were one sent.
        Thread.sleep(3_000);
        assertThat(imapSubjectCounts(two).get(subject)).isEqualTo(1);
        assertThat(one.api().get("/api/v0/inboxes/" + sender + "/messages").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aSendingLimitHoldsAcrossBothNodes() {
        ApiClient.Reply created = admin(one).post("/agentmail/organizations", "{\"name\":\"limited\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("api_key").asText();
        ApiClient apiOne = new ApiClient("http://127.0.0.1:" + one.env().get("AGENTMAIL_API_PORT"), key);
        ApiClient apiTwo = new ApiClient("http://127.0.0.1:" + two.env().get("AGENTMAIL_API_PORT"), key);
        JsonNode inbox = apiOne.post("/api/v0/inboxes", "{\"username\":\"limited\"}").json();
        String send = "/api/v0/inboxes/" + inbox.get("inbox_id").asText() + "/messages/send";
        String body = "{\"to\":\"" + inbox.get("email_address").asText() + "\",\"subject\":\"counted\",\"text\":\"hi\"}";
        // Set through node two, counted by both: three recipients a day for the organization's inboxes.
        assertThat(admin(two).put("/agentmail/organizations/" + created.json().get("org_id").asText() + "/send-limits",
            "{\"inbox\":{\"per_day\":3}}").status()).isEqualTo(200);

        assertThat(apiOne.post(send, body).status()).isEqualTo(200);
        assertThat(apiTwo.post(send, body).status()).isEqualTo(200);
        assertThat(apiOne.post(send, body).status()).isEqualTo(200);

        for (ApiClient node : List.of(apiTwo, apiOne)) {
            ApiClient.Reply refused = node.post(send, body);
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("rate_limited");
        }
        assertThat(apiTwo.get("/api/v0/organizations").json().get("send_usage").get("day").asInt()).isEqualTo(3);
    }

    private static ApiClient admin(Node node) {
        return ApiClient.operatorRoutes("http://127.0.0.1:" + node.env().get("AGENTMAIL_ADMIN_PORT"), null);
    }

    @Test
    @Order(7)
    void sigkillOfNodeTwoDuringSmtpIngestLosesNoAcknowledgedMessage() throws Exception {
        int messages = 120;
        int connections = 4;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        List<Future<?>> running = new ArrayList<>();
        for (int connection = 0; connection < connections; connection++) {
            int id = connection;
            running.add(senders.submit(() -> {
                try {
                    SMTPClient smtp = MailClients.smtp(two.smtpPort());
                    for (int i = 0; i < messages / connections; i++) {
                        String subject = "ingest-" + id + "-" + i;
                        if (MailClients.send(smtp, "load@example.com", address, subject)) {
                            acknowledged.add(subject);
                        }
                    }
                    smtp.disconnect();
                } catch (Exception nodeGone) {
                    // The kill cuts the session: what was not acknowledged may be lost, nothing else.
                }
            }));
        }
        while (acknowledged.size() < messages / 2 && running.stream().anyMatch(future -> !future.isDone())) {
            Thread.sleep(5);
        }
        two.server().kill();
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);

        // Node one takes over what node two had queued but not delivered.
        Map<String, Integer> present = new HashMap<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            present.clear();
            present.putAll(imapSubjectCounts(one));
            return present.keySet().containsAll(acknowledged);
        });
        Thread.sleep(2_000);
        Map<String, Integer> settled = imapSubjectCounts(one);
        long ingested = settled.keySet().stream().filter(subject -> subject.startsWith("ingest-")).count();
        System.out.printf("two-node kill test: acknowledged=%d present=%d duplicates=%d%n", acknowledged.size(), ingested,
            settled.values().stream().filter(count -> count > 1).count());
        assertThat(acknowledged).isNotEmpty();
        assertThat(settled.keySet()).containsAll(acknowledged);
        assertThat(settled.values()).allMatch(count -> count == 1);
        // And the API of the surviving node lists every one of them.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(apiSubjects(one, "ingest-")).containsAll(acknowledged));
    }

    private static void sendTo(Node node, String subject) throws Exception {
        SMTPClient smtp = MailClients.smtp(node.smtpPort());
        try {
            assertThat(MailClients.send(smtp, "someone@example.com", address, subject)).isTrue();
        } finally {
            smtp.disconnect();
        }
    }

    private static JsonNode awaitMessage(Node node, String subject) {
        return await().atMost(PATIENCE).until(() -> {
            for (JsonNode message : node.api().get("/api/v0/inboxes/" + inboxId + "/messages?page_size=100").json()
                .get("data")) {
                if (message.get("subject").asText().equals(subject)) {
                    return message;
                }
            }
            return null;
        }, found -> found != null);
    }

    private static String newestMessageId() {
        return one.api().get("/api/v0/inboxes/" + inboxId + "/messages?page_size=1").json().get("data").get(0)
            .get("message_id").asText();
    }

    private static Set<String> apiSubjects(Node node, String prefix) {
        Set<String> subjects = new java.util.HashSet<>();
        for (int page = 1; ; page++) {
            JsonNode data = node.api().get("/api/v0/inboxes/" + inboxId + "/messages?page_size=100&page=" + page).json()
                .get("data");
            data.forEach(message -> subjects.add(message.get("subject").asText()));
            if (data.size() < 100) {
                return subjects.stream().filter(subject -> subject.startsWith(prefix)).collect(Collectors.toSet());
            }
        }
    }

    private static Set<String> imapKeywords(Node node, String subject) throws Exception {
        try (Store store = MailClients.imap(node.imapPort(), address, KEY)) {
            Folder inbox = MailClients.openInbox(store);
            for (Message message : inbox.getMessages()) {
                if (subject.equals(message.getSubject())) {
                    Flags flags = message.getFlags();
                    return Set.copyOf(Arrays.asList(flags.getUserFlags()));
                }
            }
            return Set.of();
        }
    }

    private static Map<String, Integer> imapSubjectCounts(Node node) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Store store = MailClients.imap(node.imapPort(), address, KEY)) {
            Folder inbox = MailClients.openInbox(store);
            for (Message message : inbox.getMessages()) {
                counts.merge(message.getSubject(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
