package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MCP server driven by real clients: the official TypeScript MCP SDK client through an agent's whole flow
 * ({@code mcp/src/test/node/flow.mjs}), and the official conformance suite ({@code conformance.mjs}, which lists the
 * scenarios that apply and why the others do not). Mail leaves through AGENTMAIL_SMTP_RELAY to a real SMTP server
 * on loopback (GreenMail), the outside world. Needs Node.js 20 or later; the npm packages are installed from the
 * committed lock file when missing. Skipped, saying so, without node.
 */
class McpClientTest {
    private static final Path NODE_DIR = Path.of("..", "mcp", "src", "test", "node").toAbsolutePath().normalize();
    private static final String SENDER = "shop@example.com";
    private static GreenMail outside;
    private static TestServers.RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(run(List.of("node", "--version"), Map.of(), Duration.ofSeconds(20)).exit() == 0,
            "node is not installed: the MCP client tests are skipped (install Node.js 20 and run npm ci in " + NODE_DIR + ")");
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
            Outcome install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5));
            assertThat(install.exit()).as("npm ci in %s: %s", NODE_DIR, install.output()).isZero();
        }
        outside = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        outside.start();
        // In memory: what is tested is the MCP door, and the storage behind it has its own tests on every backend.
        server = TestServers.start(Files.createTempDirectory("agentmail-mcp"), Map.of(
            "AGENTMAIL_STORAGE", "memory",
            "AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY,
            "AGENTMAIL_SMTP_RELAY", "127.0.0.1:" + outside.getSmtp().getPort(),
            "AGENTMAIL_SMTP_RELAY_TLS", "none"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (outside != null) {
            outside.stop();
        }
    }

    private static String mcpUrl() {
        return "http://127.0.0.1:" + server.config().apiPort() + "/mcp";
    }

    @Test
    void anAgentSignsUpAndRepliesThroughTheTypeScriptSdkClient() throws Exception {
        String otherKey = TestServers.newOrganization(server, "Other organization");
        String foreignInbox = server.api(otherKey).post("/api/v0/inboxes", "{\"username\":\"mcp-foreign\"}").json()
            .get("inbox_id").asText();

        Outcome flow = run(List.of("node", "flow.mjs"), Map.of(
            "MCP_URL", mcpUrl(),
            "MCP_KEY", TestServers.BOOTSTRAP_KEY,
            "SMTP_PORT", String.valueOf(server.config().smtpPort()),
            "SENDER", SENDER,
            "FOREIGN_INBOX_ID", foreignInbox), Duration.ofMinutes(3));
        assertThat(flow.exit()).as(flow.output()).isZero();
        String[] lines = flow.output().strip().split("\n");
        JsonNode result = new ObjectMapper().readTree(lines[lines.length - 1]);

        await().atMost(Duration.ofSeconds(30)).until(() -> outside.getReceivedMessages().length >= 1);
        MimeMessage reply = outside.getReceivedMessages()[0];
        assertThat(Arrays.stream(reply.getAllRecipients()).map(address -> ((InternetAddress) address).getAddress()))
            .containsExactly(SENDER);
        assertThat(reply.getFrom()[0].toString()).contains(result.get("inbox").asText());
        assertThat(reply.getSubject()).isEqualTo("Re: Confirm your account");
        assertThat(reply.getHeader("In-Reply-To")[0]).startsWith("<flow-");
        assertThat(reply.getContent().toString()).contains("Thanks, confirmed.");
        // The flow repeated the reply with its idempotency_key: one copy left.
        Thread.sleep(2_000);
        long replies = 0;
        for (MimeMessage received : outside.getReceivedMessages()) {
            replies += "Re: Confirm your account".equals(received.getSubject()) ? 1 : 0;
        }
        assertThat(replies).isEqualTo(1);
    }

    @Test
    void theConformanceScenariosThatApplyPass() throws Exception {
        Outcome conformance = run(List.of("node", "conformance.mjs"), Map.of(
            "MCP_URL", mcpUrl(),
            "MCP_KEY", TestServers.BOOTSTRAP_KEY), Duration.ofMinutes(5));
        System.out.println(conformance.output());
        assertThat(conformance.exit()).as(conformance.output()).isZero();
        assertThat(conformance.output()).contains("5 passed, 0 failed");
    }

    private record Outcome(int exit, String output) {
    }

    private static Outcome run(List<String> command, Map<String, String> env, Duration timeout)
        throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Outcome(-1, e.getMessage());
        }
        Path log = Files.createTempFile("agentmail-mcp-node", ".log");
        Thread copier = new Thread(() -> {
            try {
                Files.copy(process.getInputStream(), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // the process went away
            }
        });
        copier.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        copier.join(10_000);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Outcome(process.isAlive() ? -1 : process.exitValue(), output);
    }
}
