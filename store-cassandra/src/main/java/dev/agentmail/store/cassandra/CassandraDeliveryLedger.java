package dev.agentmail.store.cassandra;

import dev.agentmail.domain.store.DeliveryLedger;

import javax.inject.Inject;
import java.time.Instant;

/**
 * The first attempt is the one whose INSERT ... IF NOT EXISTS applies: of two nodes delivering the same spooled mail,
 * one alone stores it. Entries are removed by lightweight transactions too, so that a removal and a later first
 * attempt are ordered by Paxos rather than by the nodes' clocks.
 */
public class CassandraDeliveryLedger implements DeliveryLedger {
    private final Cql cql;

    @Inject
    public CassandraDeliveryLedger(CassandraStore store) {
        this.cql = store.cql();
    }

    @Override
    public boolean recordAttempt(String deliveryId, String recipient, Instant at) {
        return cql.applied("INSERT INTO delivery_attempts (delivery_id, recipient, attempted_at) VALUES (?, ?, ?)"
            + " IF NOT EXISTS", deliveryId, recipient, at);
    }

    /**
     * Reads the whole table, which holds a week of deliveries, once an hour in the background; a table keyed by time
     * would avoid the scan but not the point lookups {@link #recordAttempt} needs.
     */
    @Override
    public int forgetBefore(Instant cutoff) {
        record Attempt(String deliveryId, String recipient) {
        }
        int forgotten = 0;
        for (Attempt old : cql.all(row -> new Attempt(row.getString("delivery_id"), row.getString("recipient")),
            "SELECT delivery_id, recipient FROM delivery_attempts WHERE attempted_at < ? ALLOW FILTERING", cutoff)) {
            if (cql.applied("DELETE FROM delivery_attempts WHERE delivery_id = ? AND recipient = ?"
                + " IF attempted_at < ?", old.deliveryId(), old.recipient(), cutoff)) {
                forgotten++;
            }
        }
        return forgotten;
    }
}
