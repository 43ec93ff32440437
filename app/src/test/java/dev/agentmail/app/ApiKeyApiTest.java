package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyApiTest {
    private static TestServers.RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        api = server.api(TestServers.newOrganization(server, "keys"));
    }

    @Test
    void aNewKeyIsShownOnceAndListedByPrefixOnly() {
        ApiClient.Reply created = api.post("/api/v0/api-keys", "{\"name\":\"my-agent-key\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode key = created.json();
        String secret = key.get("key").asText();
        assertThat(secret).matches("inai_[0-9A-Za-z]{8}_[0-9A-Za-z]{40}");
        assertThat(key.get("key_id").asText()).startsWith("key_");
        assertThat(key.get("name").asText()).isEqualTo("my-agent-key");
        assertThat(secret).startsWith(key.get("prefix").asText().replace("...", ""));
        assertThat(key.get("used_at").isNull()).isTrue();

        ApiClient.Reply list = api.get("/api/v0/api-keys");
        assertThat(list.body()).doesNotContain(secret);
        JsonNode listed = findById(list.json(), key.get("key_id").asText());
        assertThat(listed.has("key")).isFalse();
        assertThat(listed.get("prefix").asText()).isEqualTo(key.get("prefix").asText());
    }

    @Test
    void aNewKeyWorksAndRecordsItsUse() {
        JsonNode key = api.post("/api/v0/api-keys", "{\"name\":\"second\"}").json();
        ApiClient second = api.withKey(key.get("key").asText());

        assertThat(second.get("/api/v0/organizations").status()).isEqualTo(200);
        JsonNode listed = findById(api.get("/api/v0/api-keys").json(), key.get("key_id").asText());
        assertThat(listed.get("used_at").asText()).matches("\\d{4}-.*Z");
    }

    @Test
    void revocationIsImmediate() {
        JsonNode key = api.post("/api/v0/api-keys", "{\"name\":\"short-lived\"}").json();
        ApiClient doomed = api.withKey(key.get("key").asText());
        assertThat(doomed.get("/api/v0/inboxes").status()).isEqualTo(200);

        assertThat(api.delete("/api/v0/api-keys/" + key.get("key_id").asText()).status()).isEqualTo(204);

        ApiClient.Reply refused = doomed.get("/api/v0/inboxes");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(api.delete("/api/v0/api-keys/" + key.get("key_id").asText()).status()).isEqualTo(404);
    }

    @Test
    void anotherOrganizationsKeyCannotBeRevoked() {
        String keyId = api.post("/api/v0/api-keys", "{\"name\":\"guarded\"}").json().get("key_id").asText();
        ApiClient other = api.withKey(TestServers.newOrganization(server, "other-keys"));

        assertThat(other.delete("/api/v0/api-keys/" + keyId).status()).isEqualTo(404);
        assertThat(other.get("/api/v0/api-keys").json().get("data").findValuesAsText("key_id")).doesNotContain(keyId);
        assertThat(findById(api.get("/api/v0/api-keys?page_size=100").json(), keyId)).isNotNull();
    }

    @Test
    void theKeyMayComeInTheXApiKeyHeader() {
        String secret = api.post("/api/v0/api-keys", "{\"name\":\"header\"}").json().get("key").asText();
        ApiClient anonymous = server.api(null);

        ApiClient.Reply reply = anonymous.send(anonymous.request("/api/v0/organizations").header("X-API-Key", secret).GET());
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void missingOrUnknownKeysAreUnauthorized() {
        for (String key : new String[] {null, "inai_unknown_key_abcdefghijklmnop", "not-even-a-key"}) {
            ApiClient.Reply reply = server.api(key).get("/api/v0/inboxes");
            assertThat(reply.status()).as(String.valueOf(key)).isEqualTo(401);
            assertThat(reply.json().get("status").asInt()).isEqualTo(401);
            assertThat(reply.json().get("message").asText()).isNotBlank();
        }
    }

    @Test
    void aKeyNeedsAName() {
        assertThat(api.post("/api/v0/api-keys", "{}").status()).isEqualTo(400);
        assertThat(api.post("/api/v0/api-keys", "{\"name\":\"a\\nb\"}").status()).isEqualTo(400);
    }

    private static JsonNode findById(JsonNode page, String keyId) {
        for (JsonNode key : page.get("data")) {
            if (key.get("key_id").asText().equals(keyId)) {
                return key;
            }
        }
        throw new AssertionError(keyId + " is not listed in " + page);
    }
}
