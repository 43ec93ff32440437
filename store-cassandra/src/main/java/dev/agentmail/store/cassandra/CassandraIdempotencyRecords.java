package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import dev.agentmail.domain.model.IdempotencyRecord;
import dev.agentmail.domain.store.IdempotencyRecords;
import dev.agentmail.domain.store.StorageException;

import javax.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Every write is a lightweight transaction conditioned on the row's absence or on its claim token, so that of two
 * nodes calling with one key, Paxos lets one alone hold the claim; reads are serial, so that a waiting node sees the
 * answer another node stored.
 */
public class CassandraIdempotencyRecords implements IdempotencyRecords {
    private static final String SELECT = "SELECT organization_id, idempotency_key, fingerprint, claim_token, created_at,"
        + " answer_status, answer_body FROM idempotency_records WHERE organization_id = ? AND idempotency_key = ?";

    private final Cql cql;

    @Inject
    public CassandraIdempotencyRecords(CassandraStore store) {
        this.cql = store.cql();
    }

    @Override
    public boolean claim(IdempotencyRecord claim) {
        try {
            return cql.applied("INSERT INTO idempotency_records (organization_id, idempotency_key, fingerprint,"
                    + " claim_token, created_at) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS", claim.organizationId(),
                claim.key(), claim.fingerprint(), claim.claimToken(), claim.createdAt());
        } catch (StorageException e) {
            // A timed-out transaction may still have been applied: whether ours holds the key says.
            if (!(e.getCause() instanceof WriteTimeoutException timeout && timeout.getWriteType() == WriteType.CAS)) {
                throw e;
            }
            return find(claim.organizationId(), claim.key())
                .filter(found -> found.claimToken().equals(claim.claimToken()))
                .isPresent();
        }
    }

    @Override
    public boolean reclaim(IdempotencyRecord claim, String expectedToken) {
        return cql.applied("UPDATE idempotency_records SET fingerprint = ?, claim_token = ?, created_at = ?,"
                + " answer_status = null, answer_body = null WHERE organization_id = ? AND idempotency_key = ?"
                + " IF claim_token = ?", claim.fingerprint(), claim.claimToken(), claim.createdAt(),
            claim.organizationId(), claim.key(), expectedToken);
    }

    @Override
    public Optional<IdempotencyRecord> find(String organizationId, String key) {
        return Optional.ofNullable(cql.execute(cql.bind(SELECT, organizationId, key)
                .setConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).one())
            .map(CassandraIdempotencyRecords::map);
    }

    @Override
    public boolean complete(String organizationId, String key, String claimToken, IdempotencyRecord.Answer answer) {
        return cql.applied("UPDATE idempotency_records SET answer_status = ?, answer_body = ?"
                + " WHERE organization_id = ? AND idempotency_key = ? IF claim_token = ?", answer.status(), answer.body(),
            organizationId, key, claimToken);
    }

    @Override
    public boolean release(String organizationId, String key, String claimToken) {
        return cql.applied("DELETE FROM idempotency_records WHERE organization_id = ? AND idempotency_key = ?"
            + " IF claim_token = ?", organizationId, key, claimToken);
    }

    /** Scans the table, which holds one day of keys, once an hour in the background, as the delivery ledger does. */
    @Override
    public int forgetBefore(Instant cutoff) {
        record Key(String organizationId, String key) {
        }
        int forgotten = 0;
        for (Key old : cql.all(row -> new Key(row.getString("organization_id"), row.getString("idempotency_key")),
            "SELECT organization_id, idempotency_key FROM idempotency_records WHERE created_at < ? ALLOW FILTERING",
            cutoff)) {
            if (cql.applied("DELETE FROM idempotency_records WHERE organization_id = ? AND idempotency_key = ?"
                + " IF created_at < ?", old.organizationId(), old.key(), cutoff)) {
                forgotten++;
            }
        }
        return forgotten;
    }

    private static IdempotencyRecord map(Row row) {
        Optional<IdempotencyRecord.Answer> answer = row.isNull("answer_status") ? Optional.empty()
            : Optional.of(new IdempotencyRecord.Answer(row.getInt("answer_status"), row.getString("answer_body")));
        return new IdempotencyRecord(row.getString("organization_id"), row.getString("idempotency_key"),
            row.getString("fingerprint"), row.getString("claim_token"), row.getInstant("created_at"), answer);
    }
}
