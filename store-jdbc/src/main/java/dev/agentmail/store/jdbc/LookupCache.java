package dev.agentmail.store.jdbc;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Answers of a lookup that every delivery asks (an inbox by address, its lists, its organization's webhooks), kept
 * until a write goes through the caching repository that owns this, which then calls {@link #forget}. The JDBC
 * profiles run one server per database, so that write is the only one there is; {@link #EXPIRY} only bounds how long
 * a change made by another process goes unseen.
 *
 * <p>A lookup that started before a write ended keeps nothing: it may have read the row as it was before.
 */
final class LookupCache<K, V> {
    static final Duration EXPIRY = Duration.ofSeconds(30);

    private final Cache<K, V> kept;
    private long generation;

    LookupCache(long maximumSize) {
        this.kept = CacheBuilder.newBuilder().expireAfterWrite(EXPIRY).maximumSize(maximumSize).build();
    }

    V get(K key, Supplier<V> lookup) {
        V hit = kept.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        long started = generation();
        V found = lookup.get();
        synchronized (this) {
            if (generation == started) {
                kept.put(key, found);
            }
        }
        return found;
    }

    /** Runs a write through the owning repository, then forgets, also when the write failed partway. */
    <T> T afterWriting(Supplier<T> write) {
        try {
            return write.get();
        } finally {
            forget();
        }
    }

    void afterWriting(Runnable write) {
        afterWriting(() -> {
            write.run();
            return null;
        });
    }

    /** After a write has committed. */
    synchronized void forget() {
        generation++;
        kept.invalidateAll();
    }

    private synchronized long generation() {
        return generation;
    }
}
