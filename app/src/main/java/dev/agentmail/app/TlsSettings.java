package dev.agentmail.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where TLS is served (implicit-TLS submission and IMAP, the API's HTTPS when asked for), with which certificate
 * files (none: a self-signed one under the data dir), whether logins in clear are allowed, how often the files are
 * checked for a renewal.
 */
record TlsSettings(int submissionsPort, int imapsPort, Optional<Integer> apiPort, Optional<Path> certificate,
                   Optional<Path> key, Optional<Boolean> allowPlaintextAuth, Duration reloadCheck) {
}
