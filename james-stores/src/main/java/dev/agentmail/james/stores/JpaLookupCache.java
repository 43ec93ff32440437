package dev.agentmail.james.stores;

import java.time.Duration;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * The cache in front of James's JPA lookups that every message asks (domains, users, recipient rewrites, mailboxes,
 * quota limits and usage). Each caching store forgets what it holds when a change goes through it, so this server sees its own
 * changes at once; {@link #EXPIRY} only bounds how long a change written to the database by another process goes
 * unseen. The JPA profiles run one server per database, so it can be long enough for the lookups to stay off the
 * delivery path: at 5 s they still missed every 5 s for each recipient, 2–3 % of the embedded server's CPU.
 */
final class JpaLookupCache {
    static final Duration EXPIRY = Duration.ofSeconds(30);

    private JpaLookupCache() {
    }

    static <K, V> Cache<K, V> create(long maximumSize) {
        return CacheBuilder.newBuilder().expireAfterWrite(EXPIRY).maximumSize(maximumSize).build();
    }
}
