package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import dev.agentmail.domain.store.StorageException;

import java.util.Optional;

/**
 * Values that one owner alone may hold on the whole platform (an inbox address, a key's hash). A claim is
 * a lightweight transaction (INSERT ... IF NOT EXISTS): of concurrent claimers, on any nodes, exactly one wins.
 * A claim is taken before the owner is written and given back after the owner is gone, so a failure in between
 * leaves a value blocked, never two owners.
 */
final class UniqueClaims {
    enum Scope {
        INBOX_ADDRESS, API_KEY_HASH,
        /** An organization's client_id of an inbox: the value is the organization id, a space and the client_id. */
        INBOX_CLIENT_ID
    }

    private static final String OWNER = "SELECT owner FROM unique_claims WHERE scope = ? AND value = ?";

    private final Cql cql;

    UniqueClaims(Cql cql) {
        this.cql = cql;
    }

    /** @return whether {@code owner} holds the value now, having claimed it or holding it already */
    boolean claim(Scope scope, String value, String owner) {
        try {
            if (cql.applied("INSERT INTO unique_claims (scope, value, owner) VALUES (?, ?, ?) IF NOT EXISTS",
                scope.name(), value, owner)) {
                return true;
            }
        } catch (StorageException e) {
            // A timed-out transaction may still have been applied: ask who holds the value now.
            if (!(e.getCause() instanceof WriteTimeoutException timeout && timeout.getWriteType() == WriteType.CAS)) {
                throw e;
            }
        }
        // At LOCAL_SERIAL, the read sees a claim that a transaction in flight is making, or makes it finish first.
        return Optional.ofNullable(cql.execute(cql.bind(OWNER, scope.name(), value)
                .setConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).one())
            .map(row -> row.getString("owner"))
            .filter(owner::equals)
            .isPresent();
    }

    Optional<String> owner(Scope scope, String value) {
        return cql.one(row -> row.getString("owner"), OWNER, scope.name(), value);
    }

    /** Gives the value back, only if {@code owner} still holds it. */
    void release(Scope scope, String value, String owner) {
        cql.applied("DELETE FROM unique_claims WHERE scope = ? AND value = ? IF owner = ?", scope.name(), value, owner);
    }
}
