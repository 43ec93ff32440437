package dev.agentmail.tls;

import java.nio.file.Path;

/** Where the server's certificate chain and private key are, both PEM. */
public record CertificateFiles(Path chain, Path key) {
}
