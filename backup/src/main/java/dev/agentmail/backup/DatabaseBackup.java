package dev.agentmail.backup;

import java.nio.file.Path;

/** A transaction-consistent copy of the running database. */
@FunctionalInterface
public interface DatabaseBackup {
    /** Writes the copy as {@code backup/}{@value BackupManifest#DATABASE_DIR}. */
    void copyInto(Path backup) throws Exception;
}
