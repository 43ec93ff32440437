package dev.agentmail.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void withoutAFileNamedOneIsMadeOwnerOnlyUnderTheDataDirAndKept() throws Exception {
        byte[] key = SecretKeyFile.load(Optional.empty(), dir);

        Path file = dir.resolve(SecretKeyFile.DEFAULT_NAME);
        assertThat(key).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(key);
        assertThat(SecretKeyFile.load(Optional.empty(), dir)).isEqualTo(key);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theOperatorsFileIsReadRawOrInBase64() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path raw = ownerOnly(dir.resolve("raw.key"), key);
        Path base64 = ownerOnly(dir.resolve("base64.key"),
            (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(SecretKeyFile.load(Optional.of(raw), dir.resolve("data"))).isEqualTo(key);
        assertThat(SecretKeyFile.load(Optional.of(base64), dir.resolve("data"))).isEqualTo(key);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aMissingOperatorFileIsNotMadeButRefused() {
        Path missing = dir.resolve("missing.key");

        assertThatThrownBy(() -> SecretKeyFile.load(Optional.of(missing), dir))
            .isInstanceOf(SecretKeyFile.UnusableKeyException.class)
            .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aFileOthersMayReadIsRefused() throws Exception {
        Path file = ownerOnly(dir.resolve("open.key"), new byte[32]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SecretKeyFile.load(Optional.of(file), dir))
            .isInstanceOf(SecretKeyFile.UnusableKeyException.class)
            .hasMessageContaining("chmod 600");
    }

    @Test
    void aFileWithoutAKeyIsRefusedWithoutShowingWhatItHolds() throws Exception {
        Path shortKey = ownerOnly(dir.resolve("short.key"),
            Base64.getEncoder().encode("sixteen byte key".getBytes(StandardCharsets.US_ASCII)));
        Path text = ownerOnly(dir.resolve("text.key"), "not a key at all, this is some text".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> SecretKeyFile.load(Optional.of(shortKey), dir))
            .isInstanceOf(SecretKeyFile.UnusableKeyException.class).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> SecretKeyFile.load(Optional.of(text), dir))
            .isInstanceOf(SecretKeyFile.UnusableKeyException.class).hasMessageNotContaining("some text");
    }

    @Test
    void anUnreadableFileIsRefused() throws Exception {
        Path file = ownerOnly(dir.resolve("locked.key"), new byte[32]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "root reads every file");

        assertThatThrownBy(() -> SecretKeyFile.load(Optional.of(file), dir))
            .isInstanceOf(SecretKeyFile.UnusableKeyException.class).hasMessageContaining("cannot be read");
    }

    private static Path ownerOnly(Path file, byte[] content) throws Exception {
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
