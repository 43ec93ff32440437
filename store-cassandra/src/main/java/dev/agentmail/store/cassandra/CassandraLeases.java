package dev.agentmail.store.cassandra;

import java.time.Duration;

/**
 * Named leases that one node of the cluster holds at a time, won with a lightweight transaction. A lease ends when its
 * holder releases it or, should the holder die, when its time runs out.
 */
public class CassandraLeases {
    private final Cql cql;

    public CassandraLeases(CassandraStore store) {
        this.cql = store.cql();
    }

    /** @return whether {@code holder} now holds the lease, for {@code duration} at the most */
    public boolean tryAcquire(String name, String holder, Duration duration) {
        return cql.applied("INSERT INTO leases (name, holder) VALUES (?, ?) IF NOT EXISTS USING TTL ?", name, holder,
            (int) Math.max(1, duration.toSeconds()));
    }

    public void release(String name, String holder) {
        cql.applied("DELETE FROM leases WHERE name = ? IF holder = ?", name, holder);
    }
}
