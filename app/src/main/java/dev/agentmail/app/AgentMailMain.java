package dev.agentmail.app;

import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.secrets.SecretKeyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./agentmail run}: the server in the foreground, configured by AGENTMAIL_* variables; SIGTERM stops it. */
public final class AgentMailMain {
    private static final Logger LOGGER = LoggerFactory.getLogger(AgentMailMain.class);

    private AgentMailMain() {
    }

    public static void main(String[] args) throws Exception {
        AgentMailSettings settings;
        try {
            settings = AgentMailSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("agentmail: " + e.getMessage());
            System.exit(2);
            return;
        }
        AgentMailServer server;
        try {
            server = AgentMailServer.start(settings, System.out);
        } catch (SecretKeyFile.UnusableKeyException | SecretSealer.UnreadableSecretException e) {
            System.err.println("agentmail: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOGGER.info("Stopping agentmail");
            server.close();
        }, "agentmail-shutdown"));
    }
}
