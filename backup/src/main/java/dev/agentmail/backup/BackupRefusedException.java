package dev.agentmail.backup;

/** A backup or restore that was not started, for a reason the operator can act on; the message says which. */
public class BackupRefusedException extends RuntimeException {
    public enum Reason {
        /** The target directory is not usable as given (relative, a file, inside the spool...). */
        INVALID_TARGET,
        /** The target is not empty, or another backup is running. */
        CONFLICT,
        /** This storage profile is not backed up through the server. */
        UNSUPPORTED
    }

    private final Reason reason;

    public BackupRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
