package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.agentmail.domain.store.StorageException;

/**
 * The outbox's event numbers: one counter row moved on by compare-and-set (UPDATE ... IF value = ?), so every number
 * is handed out once, across nodes, each larger than those handed out before it. A failed set answers with the
 * current value, so a retry costs one more round. Cassandra's counters cannot do this: they are not read and
 * incremented as one. Numbers lost to a timed-out set leave gaps, which readers do not mind.
 *
 * <p>The price is one Paxos round per event, all on one row: some hundreds of events a second across the cluster.
 * Within one node the calls are queued here, so the Paxos rounds contend only between nodes.
 */
final class EventSequence {
    private static final String NAME = "events";
    private static final int MAX_ROUNDS = 100;
    private static final String INITIALIZE = "INSERT INTO outbox_sequence (name, value) VALUES (?, 0) IF NOT EXISTS";

    private final Cql cql;
    private long known;

    EventSequence(Cql cql) {
        this.cql = cql;
    }

    static void initialize(CqlSession session) {
        session.execute(SimpleStatement.newInstance(INITIALIZE, NAME));
    }

    synchronized long next() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ResultSet result;
            try {
                result = cql.execute("UPDATE outbox_sequence SET value = ? WHERE name = ? IF value = ?", known + 1,
                    NAME, known);
            } catch (StorageException e) {
                if (!(e.getCause() instanceof WriteTimeoutException)) {
                    throw e;
                }
                // Applied or not, no one else will get that number: read where the counter is now.
                known = Math.max(known, serialValue());
                continue;
            }
            if (result.wasApplied()) {
                return ++known;
            }
            Row current = result.one();
            if (current == null || current.isNull("value")) {
                // The row is made at start; should it be gone (a truncated table), start again from 0.
                cql.execute(INITIALIZE, NAME);
                known = 0;
            } else {
                known = current.getLong("value");
            }
        }
        throw new StorageException("could not number an event: the outbox counter is too contended", null);
    }

    /** The last number handed out, on any node. */
    long last() {
        return cql.one(row -> row.getLong("value"), "SELECT value FROM outbox_sequence WHERE name = ?", NAME)
            .orElse(0L);
    }

    private long serialValue() {
        Row row = cql.execute(cql.bind("SELECT value FROM outbox_sequence WHERE name = ?", NAME)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).one();
        return row == null ? 0 : row.getLong("value");
    }
}
