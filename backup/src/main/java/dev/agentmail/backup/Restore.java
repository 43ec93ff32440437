package dev.agentmail.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Brings a backup back into a new or empty data dir, with the server stopped. Nothing is written before the whole
 * backup has been checked against its manifest; the database comes back through Derby's own restore
 * ({@code createFrom}), the spool's journal and the keys as files, owner-only. The spool rebuilds its index from the
 * journal at the first start.
 */
public final class Restore {
    /** Where key files that lived outside the data dir are put back, under the data dir. */
    public static final String RESTORED_EXTERNAL_DIR = "restored-keys";
    private static final String DERBY_SHUT_DOWN = "08006";

    private final PrintStream out;

    public Restore(PrintStream out) {
        this.out = out;
    }

    /** @throws BackupRefusedException when the backup is incomplete or the data dir is not empty */
    public BackupManifest restore(Path backup, Path dataDir) throws Exception {
        BackupManifest manifest = check(backup.toAbsolutePath().normalize());
        Path target = dataDir.toAbsolutePath().normalize();
        if (Files.exists(target) && (!Files.isDirectory(target) || !BackupFiles.isEmptyDirectory(target))) {
            throw refused(BackupRefusedException.Reason.CONFLICT, "the data dir " + target + " is not empty: restore "
                + "only into a new or empty one (stop the server and move the old data dir aside first)");
        }
        BackupFiles.ownerOnlyDirectories(target);
        Path source = backup.toAbsolutePath().normalize();
        if (BackupManifest.DATABASE_DERBY.equals(manifest.database())) {
            restoreDerby(source.resolve(BackupManifest.DATABASE_DIR), target);
            out.println("agentmail: database restored into " + target.resolve(BackupManifest.DATABASE_DIR));
        } else {
            out.println("agentmail: the database is not in this backup (" + manifest.database() + "); restore it "
                + "separately before the first start");
        }
        int journalFiles = 0;
        for (BackupManifest.FileEntry file : manifest.files()) {
            if (file.path().startsWith(manifest.spool() + "/")) {
                BackupFiles.copyOwnerOnly(source.resolve(file.path()),
                    target.resolve("spool").resolve("kahadb").resolve(file.path().substring(manifest.spool().length() + 1)));
                journalFiles++;
            }
        }
        out.println("agentmail: spool journal restored (" + journalFiles + " files); its index is rebuilt at the first start");
        for (String name : manifest.dataFiles()) {
            if (!target.resolve(name).normalize().startsWith(target)) {
                throw refused(BackupRefusedException.Reason.INVALID_TARGET, "the manifest names a file outside the data dir: " + name);
            }
            BackupFiles.copyOwnerOnly(source.resolve(BackupManifest.DATA_DIR).resolve(name), target.resolve(name));
        }
        out.println("agentmail: restored " + String.join(", ", manifest.dataFiles()));
        for (BackupManifest.ExternalFile file : manifest.external()) {
            if (!file.variable().matches("AGENTMAIL_[A-Z0-9_]+")) {
                throw refused(BackupRefusedException.Reason.INVALID_TARGET, "the manifest names an unknown variable: " + file.variable());
            }
            Path restored = target.resolve(RESTORED_EXTERNAL_DIR).resolve(file.variable());
            BackupFiles.copyOwnerOnly(source.resolve(file.storedAs()), restored);
            out.println("agentmail: " + file.variable() + " was " + file.path() + "; its copy is " + restored
                + ": put it back there or point " + file.variable() + " at the copy");
        }
        BackupFiles.restrictTree(target);
        out.println("agentmail: restore of the backup of " + manifest.startedAt() + " into " + target + " is done");
        return manifest;
    }

    /** Every file the manifest lists is there, whole: same size, same SHA-256. */
    private static BackupManifest check(Path backup) throws IOException {
        Path manifestFile = backup.resolve(BackupManifest.NAME);
        if (!Files.isDirectory(backup)) {
            throw refused(BackupRefusedException.Reason.INVALID_TARGET, "no backup at " + backup + ": not a directory");
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw refused(BackupRefusedException.Reason.INVALID_TARGET, "incomplete backup: " + manifestFile
                + " is missing (a backup writes it last, so this one did not finish)");
        }
        BackupManifest manifest;
        try {
            manifest = BackupManifest.readFrom(manifestFile);
        } catch (IOException e) {
            throw refused(BackupRefusedException.Reason.INVALID_TARGET, "unreadable manifest " + manifestFile + ": "
                + e.getMessage());
        }
        if (manifest.format() != BackupManifest.FORMAT) {
            throw refused(BackupRefusedException.Reason.INVALID_TARGET, "the backup's format is " + manifest.format()
                + ", this version restores format " + BackupManifest.FORMAT + " only");
        }
        for (BackupManifest.FileEntry file : manifest.files()) {
            Path path = backup.resolve(file.path()).normalize();
            if (!path.startsWith(backup)) {
                throw refused(BackupRefusedException.Reason.INVALID_TARGET, "the manifest names a file outside the backup: " + file.path());
            }
            if (!Files.isRegularFile(path)) {
                throw refused(BackupRefusedException.Reason.INVALID_TARGET, "incomplete backup: " + file.path() + " is missing");
            }
            if (Files.size(path) != file.size() || !BackupFiles.sha256(path).equals(file.sha256())) {
                throw refused(BackupRefusedException.Reason.INVALID_TARGET, "damaged backup: " + file.path()
                    + " differs from the manifest (size or SHA-256)");
            }
        }
        return manifest;
    }

    private static void restoreDerby(Path copy, Path dataDir) throws SQLException {
        System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());
        String database = dataDir.resolve(BackupManifest.DATABASE_DIR).toString();
        try (Connection ignored = DriverManager.getConnection("jdbc:derby:" + database + ";createFrom=" + copy)) {
            // Derby has rebuilt the database from the copy and its logs; closing leaves it whole.
        }
        try {
            DriverManager.getConnection("jdbc:derby:" + database + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!DERBY_SHUT_DOWN.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static BackupRefusedException refused(BackupRefusedException.Reason reason, String message) {
        return new BackupRefusedException(reason, message);
    }
}
