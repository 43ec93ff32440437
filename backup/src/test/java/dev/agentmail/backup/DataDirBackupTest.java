package dev.agentmail.backup;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backup's layout and manifest, and what a restore refuses; the database and spool of a real server are in the app's test. */
class DataDirBackupTest {
    @TempDir
    Path work;
    private Path dataDir;
    private Path externalKey;
    private DataDirBackup backup;

    @BeforeEach
    void dataDir() throws Exception {
        dataDir = Files.createDirectories(work.resolve("data"));
        Files.createDirectories(dataDir.resolve("tls"));
        Files.writeString(dataDir.resolve("tls/cert.pem"), "certificate");
        Files.writeString(dataDir.resolve("signing-key"), "signing");
        externalKey = Files.writeString(work.resolve("dkim.pem"), "dkim key");
        SpoolJournal spool = directory -> Files.writeString(directory.resolve("db-1.log"), "journal");
        backup = new DataDirBackup("test", "postgres", dataDir, List.of("tls/cert.pem", "tls/key.pem", "signing-key"),
            Map.of("AGENTMAIL_DKIM_KEY", externalKey), spool, Optional.empty(), "postgresql: not included", Clock.systemUTC());
    }

    @Test
    void writesTheSpoolTheKeysAndAManifestOfEveryFile() throws Exception {
        Path target = work.resolve("backup");
        BackupManifest manifest = backup.backUp(target);

        assertThat(manifest.dataFiles()).containsExactly("tls/cert.pem", "signing-key");
        assertThat(manifest.database()).isEqualTo("postgresql: not included");
        assertThat(manifest.files()).extracting(BackupManifest.FileEntry::path)
            .containsExactly("data/signing-key", "data/tls/cert.pem", "external/AGENTMAIL_DKIM_KEY", "spool/kahadb/db-1.log");
        assertThat(target.resolve("manifest.json")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(target.resolve("spool"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(target.resolve("data/signing-key")))
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void refusesARelativeANonEmptyOrALiveTarget() throws Exception {
        assertRefused(() -> backup.backUp(Path.of("relative")), BackupRefusedException.Reason.INVALID_TARGET, "absolute path");
        assertRefused(() -> backup.backUp(dataDir.resolve("spool/x")), BackupRefusedException.Reason.INVALID_TARGET, "live spool");
        Files.writeString(Files.createDirectories(work.resolve("used")).resolve("file"), "x");
        assertRefused(() -> backup.backUp(work.resolve("used")), BackupRefusedException.Reason.CONFLICT, "not empty");
    }

    @Test
    void restoresIntoANewDataDirOwnerOnly() throws Exception {
        backup.backUp(work.resolve("backup"));
        Path restored = work.resolve("restored");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new Restore(new PrintStream(out, true, StandardCharsets.UTF_8)).restore(work.resolve("backup"), restored);

        assertThat(restored.resolve("signing-key")).hasContent("signing");
        assertThat(restored.resolve("tls/cert.pem")).hasContent("certificate");
        assertThat(restored.resolve("spool/kahadb/db-1.log")).hasContent("journal");
        assertThat(restored.resolve("restored-keys/AGENTMAIL_DKIM_KEY")).hasContent("dkim key");
        assertThat(Files.getPosixFilePermissions(restored.resolve("tls"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(out.toString(StandardCharsets.UTF_8))
            .contains("the database is not in this backup (postgresql: not included)")
            .contains("AGENTMAIL_DKIM_KEY was " + externalKey);
    }

    @Test
    void refusesAnIncompleteOrDamagedBackupAndANonEmptyDataDir() throws Exception {
        Path target = work.resolve("backup");
        backup.backUp(target);
        Restore restore = new Restore(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        Files.writeString(Files.createDirectories(work.resolve("busy")).resolve("db"), "x");
        assertRefused(() -> restore.restore(target, work.resolve("busy")), BackupRefusedException.Reason.CONFLICT, "is not empty");

        Files.writeString(target.resolve("spool/kahadb/db-1.log"), "journa!");
        assertRefused(() -> restore.restore(target, work.resolve("r1")), BackupRefusedException.Reason.INVALID_TARGET,
            "damaged backup: spool/kahadb/db-1.log");
        Files.delete(target.resolve("spool/kahadb/db-1.log"));
        assertRefused(() -> restore.restore(target, work.resolve("r2")), BackupRefusedException.Reason.INVALID_TARGET,
            "incomplete backup: spool/kahadb/db-1.log is missing");
        Files.delete(target.resolve("manifest.json"));
        assertRefused(() -> restore.restore(target, work.resolve("r3")), BackupRefusedException.Reason.INVALID_TARGET,
            "manifest.json is missing");
        assertThat(work.resolve("r1")).doesNotExist();
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertRefused(Call call, BackupRefusedException.Reason reason, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BackupRefusedException.class, refused -> {
            assertThat(refused.reason()).isEqualTo(reason);
            assertThat(refused.getMessage()).contains(message);
        });
    }
}
