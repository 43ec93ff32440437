package dev.agentmail.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Real servers on free ports for integration tests. Most tests share one server per JVM (starting James takes
 * seconds); tests that need their own settings or a fresh data dir start a private one and close it.
 */
final class TestServers {
    static final String BOOTSTRAP_KEY = "inai_test_bootstrap_key_0123456789";
    private static RunningServer shared;

    private TestServers() {
    }

    static synchronized RunningServer shared() {
        if (shared == null) {
            shared = start(Map.of("AGENTMAIL_BOOTSTRAP_KEY", BOOTSTRAP_KEY));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A plain SMTP server on loopback standing for the outside world, started. */
    static GreenMail outsideWorld() {
        GreenMail outside = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        outside.start();
        return outside;
    }

    /** {@code env} with every message for outside relayed to {@code outside}, in the plain SMTP GreenMail speaks. */
    static Map<String, String> relayingTo(GreenMail outside, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("AGENTMAIL_SMTP_RELAY", "127.0.0.1:" + outside.getSmtp().getPort());
        all.put("AGENTMAIL_SMTP_RELAY_TLS", "none");
        return all;
    }

    /** Starts a server on free ports and a new data dir; {@code env} adds to or overrides the defaults. */
    static RunningServer start(Map<String, String> env) {
        try {
            Path dataDir = Files.createTempDirectory("agentmail-test");
            return start(dataDir, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunningServer start(Path dataDir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("AGENTMAIL_DATA_DIR", dataDir.toString());
        all.put("AGENTMAIL_API_PORT", String.valueOf(FreePorts.next()));
        all.put("AGENTMAIL_SMTP_PORT", String.valueOf(FreePorts.next()));
        all.put("AGENTMAIL_SUBMISSION_PORT", String.valueOf(FreePorts.next()));
        all.put("AGENTMAIL_IMAP_PORT", String.valueOf(FreePorts.next()));
        all.put("AGENTMAIL_SUBMISSIONS_PORT", String.valueOf(FreePorts.next()));
        all.put("AGENTMAIL_IMAPS_PORT", String.valueOf(FreePorts.next()));
        all.put("AGENTMAIL_ADMIN_PORT", String.valueOf(FreePorts.next()));
        all.put("AGENTMAIL_ALLOW_PRIVATE_TARGETS", "true");
        // Webhook retries in seconds rather than hours, so outage tests finish.
        all.put("AGENTMAIL_WEBHOOK_RETRY_SCHEDULE", "500ms,1s,1s,2s,2s,3s");
        // Tests make many wrong logins on purpose from 127.0.0.1; LoginThrottleTest sets its own limit.
        all.put("AGENTMAIL_LOGIN_FAILURES", "1000000");
        all.putAll(env);
        AgentMailSettings settings = AgentMailSettings.fromEnvironment(all);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            AgentMailServer server = AgentMailServer.start(settings, new PrintStream(console, true, StandardCharsets.UTF_8));
            return new RunningServer(server, ServerConfig.of(settings), console.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("the test server did not start", e);
        }
    }

    /** Settings for a server on a new database of the test PostgreSQL (skips the test when there is none). */
    static Map<String, String> onNewPostgresDatabase() {
        return postgresEnvironment(dev.agentmail.store.jdbc.TestPostgres.newDatabase());
    }

    static Map<String, String> postgresEnvironment(String databaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_DB_URL", databaseUrl);
        dev.agentmail.store.jdbc.TestPostgres.user().ifPresent(user -> env.put("AGENTMAIL_DB_USER", user));
        dev.agentmail.store.jdbc.TestPostgres.password().ifPresent(password -> env.put("AGENTMAIL_DB_PASSWORD", password));
        return env;
    }

    /** Creates an organization through the operator route and returns its first API key. */
    static String newOrganization(RunningServer server, String name) {
        ApiClient.Reply reply = server.admin().post("/agentmail/organizations", "{\"name\":\"" + name + "\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("could not create an organization: " + reply.body());
        }
        return reply.json().get("api_key").asText();
    }

    /** Where a test server listens, from its settings. */
    record ServerConfig(Path dataDir, String domain, String publicUrl, int apiPort, int smtpPort, int submissionPort,
                        int imapPort, int adminPort, TlsSettings tls, Optional<String> adminToken) {
        static ServerConfig of(AgentMailSettings settings) {
            JamesSettings james = settings.james();
            return new ServerConfig(settings.dataDir(), james.domain(), settings.api().publicUrl(), settings.api().port(),
                james.smtpPort(), james.submissionPort(), james.imapPort(), james.adminPort(), settings.tls(),
                settings.limits().adminToken().map(Secret::value));
        }
    }

    record RunningServer(AgentMailServer server, ServerConfig config, String consoleOutput) implements AutoCloseable {
        ApiClient api(String key) {
            return new ApiClient("http://127.0.0.1:" + config.apiPort(), key);
        }

        ApiClient admin() {
            return ApiClient.operatorRoutes("http://127.0.0.1:" + config.adminPort(), config.adminToken().orElse(null));
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
