package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.mail.AuthenticationFailedException;
import javax.mail.Store;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every operation of the served OpenAPI document, called with a key scoped to inbox A on what lies outside it (inbox
 * B, or what belongs to no inbox), and with a key that lacks the operation's {@code x-permission}: every call is
 * refused and nothing changes. Operations come from the document, so a new one fails here until it has a rule: a
 * route with an inbox in its path is probed through inbox B; any other must be named in {@link #BEYOND_INBOXES} or
 * {@link #ORGANIZATION_WIDE}. IMAP and SMTP AUTH are probed the same way.
 */
class ScopedKeyMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final List<String> PERMISSIONS = List.of("read", "send", "manage_inboxes", "manage_keys",
        "manage_webhooks", "manage_domains", "manage_lists", "approve_drafts");
    /** What an inbox-scoped key may reach that names no inbox: nothing of inbox B must show. */
    private static final Set<String> ORGANIZATION_WIDE = Set.of("GET /api/v0/organizations", "POST /api/v0/domains",
        "GET /api/v0/domains", "GET /api/v0/domains/{domainId}", "DELETE /api/v0/domains/{domainId}",
        "POST /api/v0/domains/{domainId}/verify");

    private static TestServers.RunningServer server;
    private static ApiClient full;
    private static JsonNode document;
    private static Inbox a;
    private static Inbox b;
    private static String fullKeyId;
    private static String scopedKey;

    private record Inbox(String id, String address, String messageId, String threadId, String draftId,
                         String webhookId) {
    }

    /** How an operation is probed beyond the scope: a body and query to send instead, and what must come back. */
    private record Beyond(int status, String body, String query) {
        static Beyond refused(int status) {
            return new Beyond(status, null, "");
        }
    }

    /** The operations without an inbox in their path, probed with inbox B put elsewhere or refused outright. */
    private static final Map<String, Beyond> BEYOND_INBOXES = new TreeMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        server = TestServers.shared();
        full = server.api(TestServers.newOrganization(server, "scoped-matrix"));
        try (InputStream in = ScopedKeyMatrixTest.class.getResourceAsStream("/openapi.json")) {
            document = JSON.readTree(in);
        }
        fullKeyId = full.get("/api/v0/api-keys").json().get("data").get(0).get("key_id").asText();
        String aId = inbox("a");
        String bId = inbox("b");
        // B writes to A: B has a sent message, A a received one, each in a thread.
        String aAddress = full.get("/api/v0/inboxes/" + aId).json().get("email_address").asText();
        assertThat(full.post("/api/v0/inboxes/" + bId + "/messages/send",
            "{\"to\":\"" + aAddress + "\",\"subject\":\"matrix\",\"text\":\"hello\"}").status()).isEqualTo(200);
        JsonNode received = full.get("/api/v0/inboxes/" + aId + "/messages/latest?wait=60").json();
        a = filled(aId, received);
        b = filled(bId, full.get("/api/v0/inboxes/" + bId + "/messages").json().get("data").get(0));
        scopedKey = key(List.of(a.id()), PERMISSIONS);

        String bAsJson = "[\"" + b.id() + "\"]";
        BEYOND_INBOXES.put("POST /api/v0/inboxes", Beyond.refused(403));
        BEYOND_INBOXES.put("POST /api/v1/inboxes", Beyond.refused(403));
        BEYOND_INBOXES.put("GET /api/v0/inboxes", new Beyond(200, null, "?page_size=100"));
        BEYOND_INBOXES.put("GET /api/v1/inboxes", new Beyond(200, null, "?page_size=100"));
        BEYOND_INBOXES.put("GET /api/v0/drafts", new Beyond(200, null, "?page_size=100"));
        BEYOND_INBOXES.put("GET /api/v0/events", new Beyond(400, null, "?inbox_ids=" + b.id()));
        BEYOND_INBOXES.put("POST /api/v0/api-keys", new Beyond(403, "{\"name\":\"wider\",\"inbox_ids\":" + bAsJson
            + "}", ""));
        BEYOND_INBOXES.put("GET /api/v0/api-keys", new Beyond(200, null, "?page_size=100"));
        BEYOND_INBOXES.put("DELETE /api/v0/api-keys/{keyId}", Beyond.refused(404));
        BEYOND_INBOXES.put("POST /api/v0/webhooks", new Beyond(400, "{\"url\":\"http://127.0.0.1:9/hooks\","
            + "\"event_types\":[\"domain.verified\"],\"inbox_ids\":" + bAsJson + "}", ""));
        BEYOND_INBOXES.put("GET /api/v0/webhooks", new Beyond(200, null, "?page_size=100"));
        for (String webhookRoute : List.of("GET /api/v0/webhooks/{webhookId}", "PATCH /api/v0/webhooks/{webhookId}",
            "DELETE /api/v0/webhooks/{webhookId}", "GET /api/v0/webhooks/{webhookId}/deliveries",
            "POST /api/v0/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver")) {
            BEYOND_INBOXES.put(webhookRoute, Beyond.refused(404));
        }
        for (String listRoute : List.of("GET /api/v0/lists/{direction}/{kind}", "POST /api/v0/lists/{direction}/{kind}",
            "DELETE /api/v0/lists/{direction}/{kind}/{entry}")) {
            BEYOND_INBOXES.put(listRoute, Beyond.refused(403));
        }
    }

    private static String inbox(String name) {
        JsonNode inbox = full.post("/api/v0/inboxes", "{\"username\":\"matrix-" + name + "-"
            + UUID.randomUUID().toString().substring(0, 8) + "\"}").json();
        return inbox.get("inbox_id").asText();
    }

    /** A draft, a webhook and a list entry of the inbox, besides its message and thread. */
    private static Inbox filled(String inboxId, JsonNode message) {
        String draftId = full.post("/api/v0/inboxes/" + inboxId + "/drafts",
            "{\"to\":\"customer@example.com\",\"subject\":\"later\",\"text\":\"draft\"}").json().get("draft_id").asText();
        String webhookId = full.post("/api/v0/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\","
                + "\"event_types\":[\"domain.verified\"],\"inbox_ids\":[\"" + inboxId + "\"]}").json().get("webhook_id")
            .asText();
        assertThat(full.post("/api/v0/inboxes/" + inboxId + "/lists/receive/block",
            "{\"entry\":\"blocked@example.com\"}").status()).isEqualTo(201);
        String address = full.get("/api/v0/inboxes/" + inboxId).json().get("email_address").asText();
        return new Inbox(inboxId, address, message.get("message_id").asText(), message.get("thread_id").asText(),
            draftId, webhookId);
    }

    private static String key(List<String> inboxIds, List<String> permissions) {
        ObjectNode body = JSON.createObjectNode().put("name", "matrix");
        if (inboxIds != null) {
            body.putPOJO("inbox_ids", inboxIds);
        }
        body.putPOJO("permissions", permissions);
        ApiClient.Reply created = full.post("/api/v0/api-keys", body.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("key").asText();
    }

    @Test
    void everyOperationRefusesWhatLiesBeyondTheKeysInboxesAndChangesNothing() {
        String before = state();
        ApiClient scoped = full.withKey(scopedKey);
        List<String> problems = new ArrayList<>();
        forEachOperation((verb, path, operation) -> {
            String name = verb + " " + path;
            if (operation.get("x-permission").isNull() || ORGANIZATION_WIDE.contains(name)) {
                return;
            }
            boolean inboxInPath = path.contains("{inboxId}") || path.contains("{id}");
            Beyond beyond = inboxInPath ? Beyond.refused(404) : BEYOND_INBOXES.get(name);
            if (beyond == null) {
                problems.add(name + ": no scope rule in this test; name what a key scoped to one inbox gets");
                return;
            }
            String body = beyond.body() != null ? beyond.body() : example(operation);
            ApiClient.Reply reply = call(scoped, verb, fill(path, b) + beyond.query(), body);
            if (reply.status() != beyond.status()) {
                problems.add(name + ": " + reply.status() + " " + reply.body());
            } else if (reply.status() == 200 && reply.body().contains(b.id())) {
                problems.add(name + " shows inbox B: " + reply.body());
            } else if (name.equals("GET /api/v0/api-keys") && reply.body().contains(fullKeyId)) {
                problems.add(name + " shows the broader key: " + reply.body());
            }
        });

        assertThat(problems).isEmpty();
        assertThat(state()).isEqualTo(before);
        // The key does work within its scope, so the refusals above are about the scope.
        assertThat(scoped.get("/api/v0/inboxes/" + a.id() + "/messages/" + a.messageId()).status()).isEqualTo(200);
        assertThat(scoped.get("/api/v0/inboxes").json().get("data").findValuesAsText("inbox_id")).containsExactly(a.id());
    }

    @Test
    void everyOperationNeedsItsPermissionAndChangesNothingWithout() {
        Map<String, ApiClient> lacking = new TreeMap<>();
        for (String permission : PERMISSIONS) {
            lacking.put(permission, full.withKey(key(null, PERMISSIONS.stream()
                .filter(other -> !other.equals(permission)).toList())));
        }
        String before = state();
        List<String> problems = new ArrayList<>();
        forEachOperation((verb, path, operation) -> {
            JsonNode permission = operation.get("x-permission");
            if (permission == null || !permission.isNull() && !lacking.containsKey(permission.asText())) {
                problems.add(verb + " " + path + ": x-permission is missing or unknown");
                return;
            }
            if (permission.isNull()) {
                return;
            }
            ApiClient.Reply reply = call(lacking.get(permission.asText()), verb, fill(path, a), example(operation));
            String error = reply.status() == 403 ? reply.json().path(path.startsWith("/api/v1/") ? "error" : "message")
                .asText() : "";
            if (reply.status() != 403 || !error.contains("'" + permission.asText() + "'")) {
                problems.add(verb + " " + path + " without " + permission.asText() + ": " + reply.status() + " "
                    + reply.body());
            }
            if (!path.startsWith("/api/v1/") && reply.status() == 403
                && !reply.json().path("error").asText().equals("forbidden")) {
                problems.add(verb + " " + path + ": error is not 'forbidden': " + reply.body());
            }
        });

        assertThat(problems).isEmpty();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void imapAndSmtpAuthWorkOnlyForTheKeysInboxesAndPermissions() throws Exception {
        try (Store store = MailClients.imap(server.config().imapPort(), a.address(), scopedKey)) {
            assertThat(store.isConnected()).isTrue();
        }
        MailClients.submission(server.config().submissionPort(), a.address(), scopedKey).disconnect();

        assertThatThrownBy(() -> MailClients.imap(server.config().imapPort(), b.address(), scopedKey))
            .isInstanceOf(AuthenticationFailedException.class);
        assertSmtpAuthRefused(b.address(), scopedKey);
        String withoutRead = key(null, List.of("send"));
        String withoutSend = key(null, List.of("read"));
        assertThatThrownBy(() -> MailClients.imap(server.config().imapPort(), a.address(), withoutRead))
            .isInstanceOf(AuthenticationFailedException.class);
        assertSmtpAuthRefused(a.address(), withoutSend);
    }

    /** Refused as a wrong key is: 535. */
    private static void assertSmtpAuthRefused(String user, String key) throws Exception {
        AuthenticatingSMTPClient client = MailClients.submission(server.config().submissionPort(), null, null);
        try {
            assertThat(client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, key)).isFalse();
            assertThat(client.getReplyCode()).isEqualTo(535);
        } finally {
            client.disconnect();
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private interface OperationVisitor {
        void visit(String verb, String path, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(item -> {
                if (VERBS.contains(item.getKey())) {
                    visitor.visit(item.getKey().toUpperCase(), path.getKey(), item.getValue());
                }
            });
        }
    }

    /** The path with the ids of {@code inbox} and of what is in it. */
    private static String fill(String path, Inbox inbox) {
        Map<String, String> values = Map.ofEntries(Map.entry("inboxId", inbox.id()), Map.entry("id", inbox.id()),
            Map.entry("messageId", inbox.messageId()), Map.entry("mid", inbox.messageId()),
            Map.entry("threadId", inbox.threadId()), Map.entry("draftId", inbox.draftId()),
            Map.entry("attachmentId", "att_none"), Map.entry("webhookId", inbox.webhookId()),
            Map.entry("deliveryId", "dlv_none"), Map.entry("keyId", fullKeyId),
            Map.entry("domainId", "matrix.example.com"), Map.entry("direction", "receive"), Map.entry("kind", "block"),
            Map.entry("entry", "blocked@example.com"));
        Matcher parameter = PARAMETER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            String value = values.get(parameter.group(1));
            assertThat(value).as("a value for {" + parameter.group(1) + "} in " + path).isNotNull();
            parameter.appendReplacement(filled, value);
        }
        return parameter.appendTail(filled).toString();
    }

    /** The document's example body of the operation, if it takes one. */
    private static String example(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content").path("application/json");
        if (content.isMissingNode()) {
            return null;
        }
        JsonNode example = content.has("example") ? content.get("example")
            : content.path("examples").elements().next().get("value");
        return example.toString();
    }

    private static ApiClient.Reply call(ApiClient client, String verb, String path, String body) {
        HttpRequest.Builder request = client.request(path);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.method(verb, publisher));
    }

    /** What the full key sees of both inboxes and of the organization; when keys were last used is left out. */
    private static String state() {
        List<String> reads = new ArrayList<>(List.of("/api/v0/inboxes?page_size=100", "/api/v0/api-keys?page_size=100",
            "/api/v0/webhooks?page_size=100", "/api/v0/domains", "/api/v0/drafts?page_size=100",
            "/api/v0/lists/receive/block", "/api/v0/lists/send/block", "/api/v0/lists/receive/allow",
            "/api/v0/lists/send/allow"));
        for (Inbox inbox : List.of(a, b)) {
            for (String under : List.of("", "/messages", "/threads", "/drafts", "/lists/receive/block",
                "/lists/send/allow", "/drafts/" + inbox.draftId(), "/messages/" + inbox.messageId())) {
                reads.add("/api/v0/inboxes/" + inbox.id() + under);
            }
            reads.add("/api/v0/webhooks/" + inbox.webhookId());
        }
        return reads.stream().map(path -> path + " " + full.get(path).body().replaceAll("\"used_at\":(null|\"[^\"]*\")", ""))
            .collect(Collectors.joining("\n"));
    }
}
