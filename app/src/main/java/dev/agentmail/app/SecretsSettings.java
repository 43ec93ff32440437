package dev.agentmail.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the key that seals secrets at rest lives: AGENTMAIL_SECRET_KEY_FILE, or a file the first start makes under
 * the data dir.
 */
record SecretsSettings(Path dataDir, Optional<Path> keyFile) {
}
