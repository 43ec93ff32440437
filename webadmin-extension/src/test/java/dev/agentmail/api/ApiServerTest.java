package dev.agentmail.api;

import dev.agentmail.domain.store.InMemoryApiKeyRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import dev.agentmail.domain.store.InMemoryIdempotencyRecords;
import dev.agentmail.domain.service.IdempotentRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.api.auth.ApiKeyAuthFilter;
import dev.agentmail.api.resource.ApiKeyResource;
import dev.agentmail.api.resource.AttachmentDownloadResource;
import dev.agentmail.api.resource.DomainResource;
import dev.agentmail.api.resource.DraftQueueResource;
import dev.agentmail.api.resource.DraftResource;
import dev.agentmail.api.resource.InboxListResource;
import dev.agentmail.api.resource.ListResource;
import dev.agentmail.api.resource.HealthResource;
import dev.agentmail.api.resource.InboxResource;
import dev.agentmail.api.resource.MessageResource;
import dev.agentmail.api.resource.OpenApiResource;
import dev.agentmail.api.resource.OrganizationResource;
import dev.agentmail.api.resource.ThreadResource;
import dev.agentmail.api.resource.V1Resource;
import dev.agentmail.api.resource.WebhookResource;
import dev.agentmail.api.resource.EventStreamResource;
import dev.agentmail.domain.service.ApiKeyService;
import dev.agentmail.domain.service.LoginThrottle;
import dev.agentmail.domain.service.AttachmentService;
import dev.agentmail.domain.service.LinkSigner;
import dev.agentmail.domain.service.CreatedApiKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import dev.agentmail.domain.service.MillisecondClock;
import java.time.Duration;
import java.util.List;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole HTTP stack in process: Jetty, Jersey, the auth filter, Jackson and the error mapping. */
class ApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ORG = "org_test";
    private static final String OTHER_ORG = "org_other";

    private static ApiKeyService apiKeys;
    private static ApiServer server;
    private static LinkSigner signer;
    private static JsonNode document;

    private String key;

    @BeforeAll
    static void start() throws Exception {
        apiKeys = new ApiKeyService(new InMemoryApiKeyRepository(), new InMemoryInboxRepository(),
            MillisecondClock.systemUTC());
        ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, "http://127.0.0.1");
        signer = new LinkSigner(new byte[32]);
        AttachmentService attachments = new AttachmentService(null, null, null, null, null, null, signer, MillisecondClock.systemUTC());
        // Every resource RestApiModule binds. Only the API key routes and signed downloads get a working service:
        // the others are reached here only to check routing and authentication, which happen before them.
        server = new ApiServer(settings, Set.of(new HealthResource(List.of()), new OpenApiResource(),
            new ApiKeyResource(apiKeys), new OrganizationResource(null, null), new InboxResource(null),
            new MessageResource(null, null, attachments, settings), new ThreadResource(null),
            new AttachmentDownloadResource(attachments), new V1Resource(null, null, null, attachments, settings), new WebhookResource(null),
            new EventStreamResource(null), new DomainResource(null), new ListResource(null),
            new InboxListResource(null), new DraftResource(null), new DraftQueueResource(null)), new ApiKeyAuthFilter(apiKeys, new LoginThrottle(
                new LoginThrottle.Settings(1_000_000, Duration.ofMinutes(5), Duration.ofMinutes(5)), MillisecondClock.systemUTC())),
            new IdempotencyFilter(new IdempotentRequests(new InMemoryIdempotencyRecords(), MillisecondClock.systemUTC())));
        server.start();
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            document = JSON.readTree(in);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newKey() {
        key = apiKeys.create(ORG, "test").secret();
    }

    private HttpResponse<String> createKey(String idempotencyKey, String body) throws IOException, InterruptedException {
        return send(authorized("/api/v0/api-keys").header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aRepeatedCreationWithAnIdempotencyKeyReplaysTheFirstAnswer() throws Exception {
        String idempotencyKey = "create-key-" + System.nanoTime();
        HttpResponse<String> first = createKey(idempotencyKey, "{\"name\": \"ci\"}");
        long keys = apiKeys.list(ORG, dev.agentmail.domain.model.PageRequest.first()).total();

        HttpResponse<String> again = createKey(idempotencyKey, "{ \"name\":\"ci\" }");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(apiKeys.list(ORG, dev.agentmail.domain.model.PageRequest.first()).total()).isEqualTo(keys);
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIs422() throws Exception {
        String idempotencyKey = "reused-" + System.nanoTime();
        assertThat(createKey(idempotencyKey, "{\"name\": \"one\"}").statusCode()).isEqualTo(201);

        assertError(createKey(idempotencyKey, "{\"name\": \"two\"}"), 422, "idempotency_conflict");
    }

    @Test
    void aFailedRequestDoesNotHoldItsIdempotencyKey() throws Exception {
        String idempotencyKey = "failed-" + System.nanoTime();
        assertError(createKey(idempotencyKey, "{\"name\": 7}"), 400, "invalid_request");

        assertThat(createKey(idempotencyKey, "{\"name\": \"fixed\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void aMalformedIdempotencyKeyIs400() throws Exception {
        for (String bad : new String[] {"k".repeat(256), ""}) {
            HttpResponse<String> response = createKey(bad, "{\"name\": \"x\"}");
            assertError(response, 400, "invalid_request");
            assertThat(json(response).get("field").asText()).isEqualTo("Idempotency-Key");
        }
    }

    @Test
    void healthNeedsNoKey() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health")).GET());

        assertDocumented(response, "get", "/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("checks").get("api").asText()).isEqualTo("up");
    }

    @Test
    void theOpenApiDocumentIsServedWithoutKey() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v0/openapi.json")).GET());

        assertDocumented(response, "get", "/api/v0/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/json"));
        assertThat(json(response)).isEqualTo(document);
    }

    @Test
    void aPublicRouteAskedForHtmlAnswers406AsDocumented() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health")).header("Accept", "text/html").GET());

        assertDocumented(response, "get", "/health");
        assertError(response, 406, "not_acceptable");
    }

    /**
     * The auth filter runs only once Jersey has matched a resource method, so a 401 without key proves that the
     * documented method and path are served; the public operations must answer without key, as documented.
     */
    @Test
    void everyDocumentedOperationIsServedAndGuardedAsDocumented() throws Exception {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x1");
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                HttpRequest.Builder request = HttpRequest.newBuilder(uri(concrete));
                if (operation.getValue().has("requestBody")) {
                    request.header("Content-Type", "application/json");
                    request.method(method, HttpRequest.BodyPublishers.ofString("{}"));
                } else {
                    request.method(method, HttpRequest.BodyPublishers.noBody());
                }
                HttpResponse<String> response = send(request);
                String name = method + " " + path.getKey();
                assertDocumented(response, operation.getKey(), path.getKey());
                JsonNode security = operation.getValue().get("security");
                if (security != null && security.isEmpty()) {
                    assertThat(response.statusCode()).as(name + " is public").isNotIn(401, 404, 405);
                } else {
                    assertThat(response.statusCode()).as(name + " needs a key: " + response.body()).isEqualTo(401);
                }
            }
        }
    }

    @Test
    void aForgedDownloadLinkIs403() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v0/attachments/forged.token")).GET());

        assertDocumented(response, "get", "/api/v0/attachments/{token}");
        assertError(response, 403, "forbidden");
    }

    @Test
    void anExpiredDownloadLinkIs403() throws Exception {
        String token = signer.sign(String.join("\n", ORG, "inbox", "msg_1", "att_1", "1"));

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v0/attachments/" + token)).GET());

        assertDocumented(response, "get", "/api/v0/attachments/{token}");
        assertError(response, 403, "forbidden");
        assertThat(json(response).get("message").asText()).contains("expired");
    }

    @Test
    void unknownRouteIs404InTheErrorShape() throws Exception {
        assertError(send(authorized("/api/v0/nothing-here").GET()), 404, "not_found");
        assertError(send(HttpRequest.newBuilder(uri("/")).GET()), 404, "not_found");
    }

    @Test
    void unknownRouteIs404EvenWithoutKey() throws Exception {
        assertError(send(HttpRequest.newBuilder(uri("/api/v0/nothing-here")).GET()), 404, "not_found");
    }

    @Test
    void missingKeyIs401InTheErrorShape() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v0/api-keys")).GET());

        assertDocumented(response, "get", "/api/v0/api-keys");
        assertError(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void unknownOrMalformedKeysAre401() throws Exception {
        for (String authorization : List.of("Bearer inai_unknown_key_12345", "Bearer", "Basic dXNlcjpwYXNz",
            "Bearer " + key.substring(0, key.length() - 1), key)) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v0/api-keys"))
                .header("Authorization", authorization).GET());
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
        }
        assertError(send(HttpRequest.newBuilder(uri("/api/v0/api-keys")).header("X-API-Key", "nope").GET()),
            401, "unauthorized");
    }

    @Test
    void bothDocumentedWaysOfPresentingAKeyWork() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/v0/api-keys")).header("Authorization", "Bearer " + key).GET())
            .statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v0/api-keys")).header("Authorization", "bearer " + key).GET())
            .statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v0/api-keys")).header("X-API-Key", key).GET())
            .statusCode()).isEqualTo(200);
    }

    @Test
    void pathTricksDoNotReachAPrivateRouteWithoutKey() throws Exception {
        for (String path : List.of("/health/../api/v0/api-keys", "/api/v0/openapi.json/../api-keys",
            "/health/%2e%2e/api/v0/api-keys", "/health/..%2Fapi/v0/api-keys", "/api/v0/api-keys/", "//api/v0/api-keys",
            "/health;x=1/../api/v0/api-keys")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
            assertThat(response.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(json(response).has("error")).as(path).isTrue();
        }
    }

    @Test
    void malformedJsonIs400InvalidJson() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v0/api-keys").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));

        assertDocumented(response, "post", "/api/v0/api-keys");
        assertError(response, 400, "invalid_json");
    }

    @Test
    void missingBodyIs400InvalidJson() throws Exception {
        assertError(send(authorized("/api/v0/api-keys").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.noBody())), 400, "invalid_json");
        assertError(send(authorized("/api/v0/api-keys").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("null"))), 400, "invalid_json");
        assertError(send(authorized("/api/v0/api-keys").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[]"))), 400, "invalid_json");
    }

    @Test
    void unknownFieldIs400NamingIt() throws Exception {
        HttpResponse<String> response = postJson("/api/v0/api-keys", "{\"name\":\"k\",\"expires\":\"never\"}");

        assertError(response, 400, "invalid_request");
        assertThat(json(response).get("field").asText()).isEqualTo("expires");
    }

    @Test
    void numberWhereTextIsExpectedIs400NamingTheField() throws Exception {
        HttpResponse<String> response = postJson("/api/v0/api-keys", "{\"name\": 12}");

        assertError(response, 400, "invalid_request");
        assertThat(json(response).get("field").asText()).isEqualTo("name");
    }

    @Test
    void domainValidationIs400NamingTheField() throws Exception {
        HttpResponse<String> response = postJson("/api/v0/api-keys", "{\"name\": \"  \"}");

        assertError(response, 400, "invalid_request");
        assertThat(json(response).get("field").asText()).isEqualTo("name");
    }

    @Test
    void wrongContentTypeIs415InTheErrorShape() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v0/api-keys").header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"k\"}")));

        assertDocumented(response, "post", "/api/v0/api-keys");
        assertError(response, 415, "unsupported_media_type");
    }

    @Test
    void v1RoutesWordTheirErrorsInTheV1Shape() throws Exception {
        HttpResponse<String> noKey = send(HttpRequest.newBuilder(uri("/api/v1/inboxes")).GET());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(noKey.body()).isEqualTo("{\"success\":false,\"error\":\"a valid API key is required: send "
            + "'Authorization: Bearer <key>' or 'X-API-Key: <key>'\"}");

        HttpResponse<String> notJson = send(authorized("/api/v1/inboxes").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).isEqualTo("{\"success\":false,\"error\":\"the request body is not valid JSON\"}");

        HttpResponse<String> text = send(authorized("/api/v1/inboxes").header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"a\"}")));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text).get("success").asBoolean(true)).isFalse();
    }

    @Test
    void v1sUnknownRoutesAnswerInTheV1Shape() throws Exception {
        for (HttpResponse<String> response : List.of(send(authorized("/api/v1/nothing-here").GET()),
                send(HttpRequest.newBuilder(uri("/api/v1/nothing-here")).GET()), send(authorized("/api/v1").GET()),
                send(authorized("/api/v1/inboxes/x/messages/y/z").GET()))) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(404);
            assertThat(fieldNames(json(response))).containsExactly("success", "error");
            assertThat(json(response).get("success").asBoolean(true)).isFalse();
        }
        HttpResponse<String> method = send(authorized("/api/v1/inboxes").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(json(method).get("success").asBoolean(true)).isFalse();
        // Only /api/v1 itself and what lies under it.
        assertError(send(authorized("/api/v10/inboxes").GET()), 404, "not_found");
    }

    @Test
    void unsupportedMethodIs405InTheErrorShape() throws Exception {
        assertError(send(authorized("/api/v0/api-keys").PUT(HttpRequest.BodyPublishers.ofString("{}"))),
            405, "method_not_allowed");
        assertError(send(authorized("/api/v0/openapi.json").DELETE()), 405, "method_not_allowed");
    }

    @Test
    void createsAKeyThenListsIt() throws Exception {
        HttpResponse<String> created = postJson("/api/v0/api-keys", "{\"name\": \"my-agent-key\"}");

        assertDocumented(created, "post", "/api/v0/api-keys");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = json(created);
        assertThat(fieldNames(key)).containsExactlyInAnyOrder("key_id", "name", "prefix", "key", "inbox_ids", "permissions",
            "used_at", "created_at");
        assertThat(key.get("key_id").asText()).startsWith("key_");
        assertThat(key.get("name").asText()).isEqualTo("my-agent-key");
        assertThat(key.get("key").asText()).startsWith("inai_");
        assertThat(key.get("prefix").asText()).endsWith("...");
        assertThat(key.get("key").asText()).startsWith(key.get("prefix").asText().replace("...", ""));
        assertThat(key.get("used_at").isNull()).isTrue();
        assertThat(key.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        HttpResponse<String> listed = send(authorized("/api/v0/api-keys").GET());
        assertDocumented(listed, "get", "/api/v0/api-keys");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode page = json(listed);
        assertThat(fieldNames(page)).containsExactlyInAnyOrder("data", "total", "page", "page_size");
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("page_size").asInt()).isEqualTo(20);
        assertThat(page.get("total").asLong()).isEqualTo(page.get("data").size());
        assertThat(page.get("data").findValuesAsText("key_id")).contains(key.get("key_id").asText());
        for (JsonNode listedKey : page.get("data")) {
            assertThat(fieldNames(listedKey)).containsExactlyInAnyOrder("key_id", "name", "prefix", "inbox_ids", "permissions",
                "used_at", "created_at");
        }

        HttpResponse<String> withNewKey = send(HttpRequest.newBuilder(uri("/api/v0/api-keys"))
            .header("X-API-Key", key.get("key").asText()).GET());
        assertThat(withNewKey.statusCode()).isEqualTo(200);
    }

    @Test
    void pagesAreRespected() throws Exception {
        String pagedOrg = "org_paged";
        String pagedKey = apiKeys.create(pagedOrg, "k0").secret();
        apiKeys.create(pagedOrg, "k1");
        apiKeys.create(pagedOrg, "k2");

        JsonNode page = json(send(HttpRequest.newBuilder(uri("/api/v0/api-keys?page=2&page_size=2"))
            .header("Authorization", "Bearer " + pagedKey).GET()));

        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("page_size").asInt()).isEqualTo(2);
        assertThat(page.get("data")).hasSize(1);
    }

    @Test
    void paginationOutOfRangeIs400NamingTheParameter() throws Exception {
        for (String query : List.of("page=0", "page=-1", "page=abc", "page_size=0", "page_size=101", "page_size=1.5")) {
            HttpResponse<String> response = send(authorized("/api/v0/api-keys?" + query).GET());
            assertDocumented(response, "get", "/api/v0/api-keys");
            assertError(response, 400, "invalid_request");
            assertThat(json(response).get("field").asText()).as(query).isEqualTo(query.substring(0, query.indexOf('=')));
        }
        assertThat(send(authorized("/api/v0/api-keys?page_size=100").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void revokingAKeyAnswers204AndTheKeyStopsWorking() throws Exception {
        CreatedApiKey doomed = apiKeys.create(ORG, "doomed");

        HttpResponse<String> revoked = send(authorized("/api/v0/api-keys/" + doomed.apiKey().id()).DELETE());

        assertDocumented(revoked, "delete", "/api/v0/api-keys/{keyId}");
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(revoked.body()).isEmpty();
        assertError(send(HttpRequest.newBuilder(uri("/api/v0/api-keys"))
            .header("Authorization", "Bearer " + doomed.secret()).GET()), 401, "unauthorized");
        assertError(send(authorized("/api/v0/api-keys/" + doomed.apiKey().id()).DELETE()), 404, "not_found");
    }

    @Test
    void anotherOrganizationsKeyIs404() throws Exception {
        CreatedApiKey foreign = apiKeys.create(OTHER_ORG, "theirs");

        HttpResponse<String> response = send(authorized("/api/v0/api-keys/" + foreign.apiKey().id()).DELETE());

        assertDocumented(response, "delete", "/api/v0/api-keys/{keyId}");
        assertError(response, 404, "not_found");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v0/api-keys"))
            .header("Authorization", "Bearer " + foreign.secret()).GET()).statusCode()).isEqualTo(200);
        JsonNode ours = json(send(authorized("/api/v0/api-keys?page_size=100").GET()));
        assertThat(ours.get("data").findValuesAsText("key_id")).doesNotContain(foreign.apiKey().id());
    }

    @Test
    void malformedUriIsRefusedInTheErrorShape() throws Exception {
        for (String path : List.of("/api/v0/%zz", "/api/v0/inboxes/%zz", "/api/v0/inboxes/%")) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(response).as(path).startsWith("HTTP/1.1 400");
            assertThat(response.toLowerCase(Locale.ROOT)).as(path).doesNotContain("\r\nserver:");
            JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(body.get("status").asInt()).isEqualTo(400);
            assertThat(body.get("error").asText()).isEqualTo("invalid_request");
            assertThat(body.get("message").asText()).contains("malformed");
        }
    }

    @Test
    void noAnswerNamesTheServerSoftware() throws Exception {
        for (HttpResponse<String> response : List.of(send(HttpRequest.newBuilder(uri("/health")).GET()),
                send(authorized("/api/v0/api-keys").GET()), send(HttpRequest.newBuilder(uri("/api/v0/nothing-here")).GET()),
                send(authorized("/api/v0/api-keys").header("X-Padding", "x".repeat(20_000)).GET()))) {
            assertThat(response.headers().firstValue("Server")).as(response.uri().toString()).isEmpty();
        }
    }

    @Test
    void oversizedHeadersAreRefusedInTheErrorShape() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v0/api-keys").header("X-Padding", "x".repeat(20_000)).GET());

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(body.has("error")).isTrue();
        assertThat(body.has("message")).isTrue();
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key);
    }

    private HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send(authorized(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        OpenApiContract.api().check(response);
        return response;
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static URI uri(String path) {
        return URI.create(base() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(fieldNames(body)).isSubsetOf("error", "message", "status", "field");
    }

    /** The status the server answered is one the OpenAPI document lists for that operation. */
    private static void assertDocumented(HttpResponse<String> response, String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as(method + " " + path + " is documented").isFalse();
        assertThat(fieldNames(operation.get("responses"))).as(method + " " + path)
            .contains(String.valueOf(response.statusCode()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
