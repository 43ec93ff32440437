package dev.agentmail.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The key that seals secrets at rest: 32 random bytes, raw or in base64 ({@code openssl rand -base64 32}), in a file
 * only its owner may read. The operator names it (AGENTMAIL_SECRET_KEY_FILE) to keep it apart from the data, or the
 * first start makes one under the data dir.
 */
public final class SecretKeyFile {
    /** Its name under the data dir when the operator names none. */
    public static final String DEFAULT_NAME = "secret.key";
    private static final Logger LOGGER = LoggerFactory.getLogger(SecretKeyFile.class);
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretKeyFile() {
    }

    /**
     * @param operatorFile AGENTMAIL_SECRET_KEY_FILE: it must exist; without it, {@value #DEFAULT_NAME} under
     *                     {@code dataDir} is made when missing
     * @throws UnusableKeyException when the file cannot be read, is not a key, or others may read it
     */
    public static byte[] load(Optional<Path> operatorFile, Path dataDir) {
        Path file = operatorFile.orElseGet(() -> dataDir.resolve(DEFAULT_NAME));
        if (operatorFile.isEmpty() && !Files.exists(file)) {
            create(file);
        }
        return read(file);
    }

    static byte[] read(Path file) {
        byte[] content;
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new UnusableKeyException("the secret key file " + file + " is open to other users ("
                        + PosixFilePermissions.toString(permissions) + "): make it readable by its owner only, chmod 600 "
                        + file);
                }
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnusableKeyException("the secret key file " + file + " does not exist (AGENTMAIL_SECRET_KEY_FILE); "
                + "make one with: (umask 077; openssl rand -base64 32 > " + file + ")");
        } catch (IOException e) {
            throw new UnusableKeyException("the secret key file " + file + " cannot be read: " + e);
        }
        if (content.length == KEY_BYTES) {
            return content;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            if (decoded.length == KEY_BYTES) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // answered below, without repeating what the file holds
        }
        throw new UnusableKeyException("the secret key file " + file + " holds no key: it must be " + KEY_BYTES
            + " random bytes, or those bytes in base64 (openssl rand -base64 32)");
    }

    /** Written whole under another name, then moved in place, so that a crash leaves no half-written key. */
    private static void create(Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), DEFAULT_NAME, ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file);
            }
        } catch (IOException e) {
            throw new UnusableKeyException("the secret key file " + file + " cannot be made: " + e);
        }
        LOGGER.info("Made a new secret key in {}: it seals webhook secrets and DKIM private keys in the database. "
            + "Back it up apart from the data (without it they are lost), or keep it elsewhere with "
            + "AGENTMAIL_SECRET_KEY_FILE", file);
    }

    /** The server cannot start without its key: the message says what to do. */
    public static final class UnusableKeyException extends RuntimeException {
        UnusableKeyException(String message) {
            super(message);
        }
    }
}
