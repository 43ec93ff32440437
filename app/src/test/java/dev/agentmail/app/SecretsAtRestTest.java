package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.secrets.SecretKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Secrets at rest on the default (embedded) storage, as a local user other than the server's would meet them: the data
 * dir and its files, the raw database columns, a data dir and rows left by an earlier version, the wrong key.
 */
class SecretsAtRestTest {
    private static final Map<String, String> ENV = Map.of("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Test
    void theDataDirAndEveryFileInItAreOwnerOnlyAndTheDatabaseHoldsNoSecretInClear(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("var");
        try (TestServers.RunningServer server = TestServers.start(dataDir, ENV); WebhookReceiver receiver = new WebhookReceiver()) {
            ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
            String secret = WebhooksTest.subscribe(api, receiver,
                "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\"]}").get("secret").asText();
            String domain = addDomain(api);
            String privateKey = privateKey(server, domain);

            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve(SecretKeyFile.DEFAULT_NAME))).isEqualTo("rw-------");
            assertThat(filesOpenToOthers(dataDir)).isEmpty();
            assertThat(dataDir.resolve("db")).isDirectory();
            assertThat(dataDir.resolve("spool")).isDirectory();

            DataSource database = server.server().instance(DataSource.class);
            assertThat(column(database, "SELECT secret FROM webhooks")).singleElement().asString()
                .startsWith("sealed:v1:").doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
            assertThat(column(database, "SELECT dkim_private_key FROM domains")).singleElement().asString()
                .startsWith("sealed:v1:").doesNotContain(privateKey.substring(0, 64));
        }
    }

    /** As an earlier version left things: a data dir of 0755 with 0644 files, and secrets in clear in the database. */
    @Test
    void whatAnEarlierVersionLeftInClearIsSealedAtStartAndStillSignsAfterTheRestart(@TempDir Path dataDir) throws Exception {
        String secret;
        String webhookId;
        String address;
        String domain;
        String privateKey;
        try (TestServers.RunningServer server = TestServers.start(dataDir, ENV); WebhookReceiver receiver = new WebhookReceiver()) {
            ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
            address = WebhooksTest.newInbox(api).get("email_address").asText();
            JsonNode webhook = WebhooksTest.subscribe(api, receiver,
                "{\"url\":\"http://127.0.0.1:9/later\",\"event_types\":[\"message.received\"]}");
            secret = webhook.get("secret").asText();
            webhookId = webhook.get("webhook_id").asText();
            domain = addDomain(api);
            privateKey = privateKey(server, domain);
            DataSource database = server.server().instance(DataSource.class);
            update(database, "UPDATE webhooks SET secret = ? WHERE id = ?", secret, webhookId);
            update(database, "UPDATE domains SET dkim_private_key = ? WHERE name = ?", privateKey, domain);
        }
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.walk(dataDir.resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }

        try (TestServers.RunningServer server = TestServers.start(dataDir, ENV); WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(filesOpenToOthers(dataDir)).isEmpty();
            DataSource database = server.server().instance(DataSource.class);
            assertThat(column(database, "SELECT secret FROM webhooks")).singleElement().asString()
                .startsWith("sealed:v1:").doesNotContain(secret);
            assertThat(column(database, "SELECT dkim_private_key FROM domains")).singleElement().asString()
                .startsWith("sealed:v1:");
            assertThat(privateKey(server, domain)).isEqualTo(privateKey);

            // The secret shown at creation, before the restart, still verifies what the webhook signs now.
            ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
            assertThat(api.patch("/api/v0/webhooks/" + webhookId, "{\"url\":\"" + receiver.url() + "\"}").status())
                .isEqualTo(200);
            receiver.trust(secret);
            WebhooksTest.deliver(server.config().smtpPort(), address, "after the restart");
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.verified().isEmpty());
            assertThat(receiver.verified().get(0).payload().get("message").get("subject").asText())
                .isEqualTo("after the restart");
            assertThat(receiver.rejected()).isZero();
        }
    }

    @Test
    void anotherKeyThanTheOneThatSealedTheSecretsStopsTheStart(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("var");
        Path first = keyFile(parent.resolve("first.key"));
        try (TestServers.RunningServer server = TestServers.start(dataDir, with("AGENTMAIL_SECRET_KEY_FILE", first));
             WebhookReceiver receiver = new WebhookReceiver()) {
            WebhooksTest.subscribe(server.api(TestServers.BOOTSTRAP_KEY), receiver,
                "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\"]}");
        }
        assertThat(dataDir.resolve(SecretKeyFile.DEFAULT_NAME)).doesNotExist();

        Path other = keyFile(parent.resolve("other.key"));
        assertThatThrownBy(() -> TestServers.start(dataDir, with("AGENTMAIL_SECRET_KEY_FILE", other)))
            .cause().isInstanceOf(SecretSealer.UnreadableSecretException.class)
            .hasMessageContaining("AGENTMAIL_SECRET_KEY_FILE");

        try (TestServers.RunningServer again = TestServers.start(dataDir, with("AGENTMAIL_SECRET_KEY_FILE", first))) {
            assertThat(again.api(TestServers.BOOTSTRAP_KEY).get("/api/v0/webhooks").json().get("total").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aKeyFileOthersMayReadStopsTheStartBeforeAnythingIsOpened(@TempDir Path parent) throws Exception {
        Path key = keyFile(parent.resolve("open.key"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> TestServers.start(parent.resolve("var"), with("AGENTMAIL_SECRET_KEY_FILE", key)))
            .cause().isInstanceOf(SecretKeyFile.UnusableKeyException.class)
            .hasMessageContaining("chmod 600");
        assertThat(parent.resolve("var").resolve("db")).doesNotExist();
    }

    private static Map<String, String> with(String name, Path value) {
        return Map.of("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY, name, value.toString());
    }

    private static Path keyFile(Path file) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.write(file, key);
    }

    private static String addDomain(ApiClient api) {
        String name = "sealed-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        ApiClient.Reply reply = api.post("/api/v0/domains", "{\"domain\":\"" + name + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return name;
    }

    private static String privateKey(TestServers.RunningServer server, String domain) {
        return server.server().instance(DomainRepository.class).find(domain).orElseThrow().dkimKey().privateKey();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** Each as {@code path mode}; files that Derby or the spool remove during the walk are passed over. */
    private static List<String> filesOpenToOthers(Path dir) throws Exception {
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.filter(path -> !Files.isSymbolicLink(path)).toList()) {
                try {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                    if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                        open.add(dir.relativize(path) + " " + PosixFilePermissions.toString(permissions));
                    }
                } catch (NoSuchFileException e) {
                    // gone since the listing
                }
            }
        }
        return open;
    }

    private static List<String> column(DataSource database, String query) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void update(DataSource database, String update, String value, String key) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setString(1, value);
            statement.setString(2, key);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
