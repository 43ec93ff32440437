package dev.agentmail.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The backup of a one-node server: the spool's journal first, then the database, then the keys, then the manifest.
 * That order makes it whole: a message acknowledged before the backup started is either still in the spool when
 * its journal is copied, or was delivered (committed to the database) before, hence before the database copy. A
 * message in both is stored once after a restore, as after a crash: the spool redelivers it and the delivery ledger
 * in the database knows it was delivered.
 */
public final class DataDirBackup implements OnlineBackup {
    private static final Logger LOGGER = LoggerFactory.getLogger(DataDirBackup.class);

    private final String version;
    private final String storage;
    private final Path dataDir;
    private final List<String> dataFiles;
    private final Map<String, Path> externalFiles;
    private final SpoolJournal spool;
    private final Optional<DatabaseBackup> database;
    private final String databaseElsewhere;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    /**
     * @param dataFiles         key files of the data dir, relative to it, copied when present
     * @param externalFiles     key files outside the data dir, by the variable that names them
     * @param database          the database's copy, or none when {@code databaseElsewhere} says what to run instead
     */
    public DataDirBackup(String version, String storage, Path dataDir, List<String> dataFiles,
                         Map<String, Path> externalFiles, SpoolJournal spool, Optional<DatabaseBackup> database,
                         String databaseElsewhere, Clock clock) {
        this.version = version;
        this.storage = storage;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.dataFiles = List.copyOf(dataFiles);
        this.externalFiles = new TreeMap<>(externalFiles);
        this.spool = spool;
        this.database = database;
        this.databaseElsewhere = databaseElsewhere;
        this.clock = clock;
    }

    @Override
    public BackupManifest backUp(Path target) throws Exception {
        if (!target.isAbsolute()) {
            throw new BackupRefusedException(BackupRefusedException.Reason.INVALID_TARGET,
                "the backup directory must be an absolute path on the server's machine, got '" + target + "'");
        }
        Path directory = target.normalize();
        for (String live : List.of(BackupManifest.DATABASE_DIR, "spool")) {
            if (directory.startsWith(dataDir.resolve(live))) {
                throw new BackupRefusedException(BackupRefusedException.Reason.INVALID_TARGET,
                    "the backup directory cannot be inside the live " + live + " directory " + dataDir.resolve(live));
            }
        }
        if (!running.tryLock()) {
            throw new BackupRefusedException(BackupRefusedException.Reason.CONFLICT, "another backup is running; try again when it is done");
        }
        try {
            if (Files.exists(directory) && (!Files.isDirectory(directory) || !BackupFiles.isEmptyDirectory(directory))) {
                throw new BackupRefusedException(BackupRefusedException.Reason.CONFLICT,
                    "the backup directory " + directory + " exists and is not empty; name a new or empty directory");
            }
            return write(BackupFiles.ownerOnlyDirectories(directory));
        } finally {
            running.unlock();
        }
    }

    private BackupManifest write(Path directory) throws Exception {
        Instant started = clock.instant();
        LOGGER.info("Backup to {} started", directory);
        spool.copyTo(BackupFiles.ownerOnlyDirectories(directory.resolve(BackupManifest.SPOOL_DIR)));
        if (database.isPresent()) {
            database.get().copyInto(directory);
        }
        List<String> copied = new ArrayList<>();
        for (String name : dataFiles) {
            Path file = dataDir.resolve(name);
            if (Files.isRegularFile(file)) {
                BackupFiles.copyOwnerOnly(file, directory.resolve(BackupManifest.DATA_DIR).resolve(name));
                copied.add(name);
            }
        }
        List<BackupManifest.ExternalFile> external = new ArrayList<>();
        for (Map.Entry<String, Path> file : externalFiles.entrySet()) {
            String storedAs = BackupManifest.EXTERNAL_DIR + "/" + file.getKey();
            BackupFiles.copyOwnerOnly(file.getValue(), directory.resolve(storedAs));
            external.add(new BackupManifest.ExternalFile(file.getKey(), file.getValue().toAbsolutePath().toString(), storedAs));
        }
        BackupFiles.restrictTree(directory);
        Instant finished = clock.instant();
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, version, storage, started.toString(),
            finished.toString(), database.isPresent() ? BackupManifest.DATABASE_DERBY : databaseElsewhere,
            BackupManifest.SPOOL_DIR, copied, external, BackupFiles.inventory(directory));
        manifest.writeTo(directory);
        LOGGER.info("Backup to {} done in {} ms: {} files", directory, Duration.between(started, finished).toMillis(),
            manifest.files().size());
        return manifest;
    }
}
