package dev.agentmail.app;

import java.nio.file.Path;
import java.util.Optional;

/** The first start's API key: the operator's choice (AGENTMAIL_BOOTSTRAP_KEY), or one kept in the data dir. */
record BootstrapSettings(Path dataDir, Optional<Secret> chosenKey) {
}
