package dev.agentmail.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The server secret that signs download links: made once, kept in the data dir, readable by its owner only. */
final class SigningKeyFile {
    static final String NAME = "signing-key";

    private SigningKeyFile() {
    }

    static byte[] loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(NAME);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        }
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
}
