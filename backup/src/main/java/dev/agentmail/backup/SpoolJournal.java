package dev.agentmail.backup;

import java.io.IOException;
import java.nio.file.Path;

/** The mail spool's journal, copied as one consistent state while the spool keeps running. */
@FunctionalInterface
public interface SpoolJournal {
    /** Copies the journal into {@code directory}, which is made when missing. */
    void copyTo(Path directory) throws IOException;
}
