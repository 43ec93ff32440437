package dev.agentmail.app;

import dev.agentmail.domain.service.ApiKeySecrets;
import dev.agentmail.domain.service.OrganizationService;
import org.apache.james.lifecycle.api.Startable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import javax.inject.Named;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * First start: make the default organization and its API key, so that a new operator can call the API at once.
 * The key is AGENTMAIL_BOOTSTRAP_KEY when set; otherwise one is generated, printed once on the console (never to
 * the log) and kept in {@code <data dir>/bootstrap-api-key}, readable by its owner only.
 */
final class Bootstrap implements Startable {
    static final String KEY_FILE = "bootstrap-api-key";
    static final String ORGANIZATION_NAME = "default";
    /** Where the generated key is shown: stdout when run from the command line. */
    static final String CONSOLE = "console";
    private static final Logger LOGGER = LoggerFactory.getLogger(Bootstrap.class);

    private final OrganizationService organizations;
    private final BootstrapSettings settings;
    private final PrintStream console;

    @Inject
    Bootstrap(OrganizationService organizations, BootstrapSettings settings, @Named(CONSOLE) PrintStream console) {
        this.organizations = organizations;
        this.settings = settings;
        this.console = console;
    }

    void run() throws IOException {
        if (organizations.anyExists()) {
            return;
        }
        Path keyFile = settings.dataDir().resolve(KEY_FILE);
        if (settings.chosenKey().isPresent()) {
            organizations.create(ORGANIZATION_NAME, ApiKeySecrets.validateChosen(settings.chosenKey().get().value()));
            LOGGER.info("Created the default organization with the key from AGENTMAIL_BOOTSTRAP_KEY");
        } else if (Files.exists(keyFile)) {
            organizations.create(ORGANIZATION_NAME, Files.readString(keyFile, StandardCharsets.UTF_8).trim());
            LOGGER.info("Created the default organization with the key saved in {}", keyFile);
        } else {
            String key = ApiKeySecrets.generate();
            writeOwnerOnly(keyFile, key);
            organizations.create(ORGANIZATION_NAME, key);
            console.println();
            console.println("  Bootstrap API key of the default organization (shown once, also saved to " + keyFile + "):");
            console.println();
            console.println("    " + key);
            console.println();
            console.flush();
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
