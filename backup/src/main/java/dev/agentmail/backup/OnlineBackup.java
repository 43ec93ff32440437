package dev.agentmail.backup;

import java.nio.file.Path;

/** A consistent copy of a running server's data into a new directory of the server's machine. */
public interface OnlineBackup {
    /**
     * @param target an absolute path that does not exist yet or is an empty directory
     * @throws BackupRefusedException when the backup cannot start, saying why
     */
    BackupManifest backUp(Path target) throws Exception;

    /** For storage profiles backed up elsewhere: every call is refused with {@code why}. */
    static OnlineBackup unsupported(String why) {
        return target -> {
            throw new BackupRefusedException(BackupRefusedException.Reason.UNSUPPORTED, why);
        };
    }
}
