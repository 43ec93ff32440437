package dev.agentmail.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start order of our parts inside James's lifecycle, and what a failed start leaves behind. */
class LifecycleTest {
    @Test
    void aStartThatFailsAtTheApiHasBootstrappedFirstAndReleasesWhatItOpened(@TempDir Path dataDir) throws Exception {
        int smtpPort = FreePorts.next();
        Map<String, String> env;
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            env = Map.of("AGENTMAIL_API_PORT", String.valueOf(taken.getLocalPort()),
                "AGENTMAIL_SMTP_PORT", String.valueOf(smtpPort));
            assertThatThrownBy(() -> TestServers.start(dataDir, env)).hasRootCauseInstanceOf(BindException.class);
        }

        // The default organization is made before the API takes calls.
        assertThat(dataDir.resolve(Bootstrap.KEY_FILE)).exists();
        // James stopped: its SMTP listener is gone.
        try (ServerSocket smtp = new ServerSocket(smtpPort, 50, InetAddress.getLoopbackAddress())) {
            assertThat(smtp.isBound()).isTrue();
        }
        // The same data dir starts again, on the organization made the first time.
        try (TestServers.RunningServer again = TestServers.start(dataDir, Map.of("AGENTMAIL_SMTP_PORT", String.valueOf(smtpPort)))) {
            assertThat(again.consoleOutput()).doesNotContain("Bootstrap API key");
            String key = Files.readString(dataDir.resolve(Bootstrap.KEY_FILE)).trim();
            assertThat(again.api(key).get("/api/v0/organizations").status()).isEqualTo(200);
        }
    }
}
