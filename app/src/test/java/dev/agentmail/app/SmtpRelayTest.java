package dev.agentmail.app;

import dev.agentmail.tls.CertificateFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Outbound mail through a relay (a smarthost) that requires a login and takes it only over TLS: a real SMTP server,
 * Debian's python3-aiosmtpd, with a certificate from a throwaway CA. The server runs in a JVM of its own whose trust
 * store holds that CA, as an operator adds a private CA, so the relay's certificate is checked for real, never
 * trusted blindly. Relaying without TLS (AGENTMAIL_SMTP_RELAY_TLS=none) is what OutboundMailTest's GreenMail does.
 */
class SmtpRelayTest {
    private static final String KEY = "inai_relay_test_key_0123456789";
    private static final String RELAY_USER = "agents@relay.test";
    private static final String RELAY_PASSWORD = "relay-password-never-logged";
    private static final String TRUST_STORE_PASSWORD = "throwaway";
    private static Path dir;
    private static CertificateFiles relayCertificate;
    private static Path trustStore;

    @BeforeAll
    static void aThrowawayCaAndTheRelaysCertificate() throws Exception {
        dir = Files.createTempDirectory("agentmail-relay");
        ThrowawayCa ca = ThrowawayCa.create(dir);
        relayCertificate = ca.issue("relay");
        trustStore = ca.trustStore(TRUST_STORE_PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(value = AiosmtpdServer.Mode.class, names = {"STARTTLS", "IMPLICIT"})
    void mailGoesThroughTheRelayOverTlsLoggedInAfterTls(AiosmtpdServer.Mode mode) throws Exception {
        assumeTrue(AiosmtpdServer.available(), "/usr/bin/python3 with python3-aiosmtpd is needed for the relay: "
            + "apt-get install python3-aiosmtpd (./agentmail test installs it)");
        int relayPort = FreePorts.next();
        Path dataDir = Files.createDirectories(dir.resolve("server-" + mode));
        Path log = dataDir.resolve("server.log");
        Map<String, String> env = environment(dataDir);
        // By name: the relay's certificate is checked against the name it is given.
        env.put("AGENTMAIL_SMTP_RELAY", "localhost:" + relayPort);
        env.put("AGENTMAIL_SMTP_RELAY_TLS", mode.name().toLowerCase());
        env.put("AGENTMAIL_SMTP_RELAY_USER", RELAY_USER);
        env.put("AGENTMAIL_SMTP_RELAY_PASSWORD", RELAY_PASSWORD);
        env.put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + trustStore
            + " -Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD);

        try (AiosmtpdServer relay = AiosmtpdServer.start(dir, relayPort, mode, relayCertificate,
            Optional.of(List.of(RELAY_USER, RELAY_PASSWORD)))) {
            ForkedServer server = ForkedServer.start(env, log);
            try {
                ApiClient api = new ApiClient("http://127.0.0.1:" + env.get("AGENTMAIL_API_PORT"), KEY);
                String inbox = api.post("/api/v0/inboxes", "{\"username\":\"relayed\"}").json().get("inbox_id").asText();
                ApiClient.Reply sent = api.post("/api/v0/inboxes/" + inbox + "/messages/send",
                    "{\"to\": \"bob@remote.example\", \"subject\": \"Through the smarthost " + mode + "\", \"text\": \"hi\"}");
                assertThat(sent.status()).as(sent.body()).isEqualTo(200);

                AiosmtpdServer.Received received = relay.awaitReceived(1).get(0);
                assertThat(received.raw()).contains("Subject: Through the smarthost " + mode);
                assertThat(received.recipients()).containsExactly("bob@remote.example");
                assertThat(received.tls()).isIn("TLSv1.2", "TLSv1.3");
                assertThat(received.login()).isEqualTo(RELAY_USER);
                assertThat(received.loginTls()).as("the login came over TLS").isIn("TLSv1.2", "TLSv1.3");
            } finally {
                server.stop();
            }
        }
        assertThat(Files.readString(log)).doesNotContain(RELAY_PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
            dataDir.resolve("conf/mailetcontainer.xml")))).isEqualTo("rw-------");
    }

    private static Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_DATA_DIR", dataDir.toString());
        // In memory, to start fast: what is tested is the way out, and the stores have their own tests.
        env.put("AGENTMAIL_STORAGE", "memory");
        env.put("AGENTMAIL_BOOTSTRAP_KEY", KEY);
        for (String port : List.of("API", "SMTP", "SUBMISSION", "IMAP", "SUBMISSIONS", "IMAPS", "ADMIN")) {
            env.put("AGENTMAIL_" + port + "_PORT", String.valueOf(FreePorts.next()));
        }
        return env;
    }
}
