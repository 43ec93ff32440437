package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** First start, restart, limits and health: each case on a server of its own. */
class StartupTest {
    @Test
    void firstStartPrintsAGeneratedKeyOnceAndSavesItOwnerOnly(@TempDir Path dataDir) throws Exception {
        String key;
        try (TestServers.RunningServer server = TestServers.start(dataDir, Map.of())) {
            Path keyFile = dataDir.resolve("bootstrap-api-key");
            key = Files.readString(keyFile).trim();
            assertThat(key).startsWith("inai_");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(server.consoleOutput()).contains(key);
            assertThat(server.api(key).get("/api/v0/organizations").json().get("name").asText()).isEqualTo("default");
        }

        try (TestServers.RunningServer again = TestServers.start(dataDir, Map.of())) {
            assertThat(again.consoleOutput()).doesNotContain(key);
            assertThat(again.api(key).get("/api/v0/organizations").status()).isEqualTo(200);
        }
    }

    @Test
    void theBootstrapKeyMayBeChosenByTheOperator(@TempDir Path dataDir) {
        String chosen = "inai_operator_chosen_key_42";
        try (TestServers.RunningServer server = TestServers.start(dataDir, Map.of("AGENTMAIL_BOOTSTRAP_KEY", chosen))) {
            assertThat(server.consoleOutput()).doesNotContain(chosen);
            assertThat(dataDir.resolve("bootstrap-api-key")).doesNotExist();
            assertThat(server.api(chosen).get("/api/v0/organizations").status()).isEqualTo(200);
        }
    }

    @Test
    void theInboxLimitIsEnforced(@TempDir Path dataDir) {
        try (TestServers.RunningServer server = TestServers.start(dataDir,
            Map.of("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY, "AGENTMAIL_INBOX_LIMIT", "2"))) {
            ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
            assertThat(api.post("/api/v0/inboxes", "{\"username\":\"one\"}").status()).isEqualTo(201);
            assertThat(api.post("/api/v0/inboxes", "{\"username\":\"two\"}").status()).isEqualTo(201);

            ApiClient.Reply third = api.post("/api/v0/inboxes", "{\"username\":\"three\"}");
            assertThat(third.status()).isEqualTo(403);
            assertThat(third.json().get("error").asText()).isEqualTo("limit_exceeded");
            assertThat(third.json().get("message").asText()).contains("2");
            assertThat(api.get("/api/v0/organizations").json().get("inbox_limit").asInt()).isEqualTo(2);
        }
    }

    @Test
    void healthIsOkOnceEveryProtocolListensAndTheDocumentIsServed() {
        TestServers.RunningServer server = TestServers.shared();
        ApiClient anonymous = server.api(null);

        ApiClient.Reply health = anonymous.get("/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode checks = health.json().get("checks");
        assertThat(checks.get("smtp").asText()).isEqualTo("up");
        assertThat(checks.get("submission").asText()).isEqualTo("up");
        assertThat(checks.get("imap").asText()).isEqualTo("up");

        ApiClient.Reply openApi = anonymous.get("/api/v0/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("openapi").asText()).startsWith("3.");
        assertThat(openApi.json().get("paths").has("/api/v0/inboxes")).isTrue();
    }
}
