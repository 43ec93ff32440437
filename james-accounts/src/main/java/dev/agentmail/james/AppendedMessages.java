package dev.agentmail.james;

import dev.agentmail.domain.model.MailboxLocation;

import javax.inject.Singleton;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The raw content of messages a mailbox store has just written, kept in memory until the indexer takes it, so that
 * indexing a delivery does not read it back from the database. A hint, never the record: what is not here (too
 * large, evicted, written on another node) is read from the mailbox. Bounded, because a message whose append is
 * rolled back, or that lands in a folder the indexer skips, is never taken.
 */
@Singleton
public class AppendedMessages {
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    static final int MAX_ENTRIES = 256;
    static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;

    private final Map<MailboxLocation, byte[]> contents = new LinkedHashMap<>();
    private long totalBytes;

    /** Whether content of this size would be kept: callers need not read what would be dropped. */
    public boolean keeps(long size) {
        return size <= MAX_MESSAGE_BYTES;
    }

    public synchronized void remember(MailboxLocation location, byte[] content) {
        if (!keeps(content.length)) {
            return;
        }
        byte[] replaced = contents.put(location, content);
        totalBytes += content.length - (replaced == null ? 0 : replaced.length);
        Iterator<byte[]> oldestFirst = contents.values().iterator();
        while (contents.size() > MAX_ENTRIES || totalBytes > MAX_TOTAL_BYTES) {
            totalBytes -= oldestFirst.next().length;
            oldestFirst.remove();
        }
    }

    public synchronized Optional<byte[]> take(MailboxLocation location) {
        byte[] content = contents.remove(location);
        if (content != null) {
            totalBytes -= content.length;
        }
        return Optional.ofNullable(content);
    }
}
