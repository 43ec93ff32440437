package dev.agentmail.backup;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;

/**
 * Derby's own online backup ({@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}): it copies the database while transactions go
 * on, and the copy holds every transaction committed before the call returns. Derby names the copy after the
 * database's directory, which is {@value BackupManifest#DATABASE_DIR} under the data dir.
 */
public final class DerbyOnlineBackup implements DatabaseBackup {
    private final DataSource database;

    public DerbyOnlineBackup(DataSource database) {
        this.database = database;
    }

    @Override
    public void copyInto(Path backup) throws Exception {
        try (Connection connection = database.getConnection();
             CallableStatement call = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
            call.setString(1, backup.toString());
            call.execute();
        }
        if (!Files.isRegularFile(backup.resolve(BackupManifest.DATABASE_DIR).resolve("service.properties"))) {
            throw new IllegalStateException("Derby wrote its backup elsewhere than " + backup.resolve(BackupManifest.DATABASE_DIR)
                + ": the database directory is not named '" + BackupManifest.DATABASE_DIR + "'");
        }
    }
}
