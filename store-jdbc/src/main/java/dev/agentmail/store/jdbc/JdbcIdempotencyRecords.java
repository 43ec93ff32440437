package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.IdempotencyRecord;
import dev.agentmail.domain.store.IdempotencyRecords;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The primary key (organization, key) decides which of two concurrent claims is stored; the others are refused. */
public class JdbcIdempotencyRecords implements IdempotencyRecords {
    private static final String COLUMNS =
        "organization_id, idempotency_key, fingerprint, claim_token, created_at, answer_status, answer_body";

    private final Jdbc jdbc;

    @Inject
    public JdbcIdempotencyRecords(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public boolean claim(IdempotencyRecord claim) {
        try {
            jdbc.update("INSERT INTO idempotency_records (organization_id, idempotency_key, fingerprint, claim_token,"
                    + " created_at) VALUES (?, ?, ?, ?, ?)", claim.organizationId(), claim.key(), claim.fingerprint(),
                claim.claimToken(), claim.createdAt().toEpochMilli());
            return true;
        } catch (SQLException e) {
            if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw Jdbc.failure(e);
        }
    }

    @Override
    public boolean reclaim(IdempotencyRecord claim, String expectedToken) {
        return jdbc.updateOrFail("UPDATE idempotency_records SET fingerprint = ?, claim_token = ?, created_at = ?,"
                + " answer_status = NULL, answer_body = NULL WHERE organization_id = ? AND idempotency_key = ?"
                + " AND claim_token = ?", claim.fingerprint(), claim.claimToken(), claim.createdAt().toEpochMilli(),
            claim.organizationId(), claim.key(), expectedToken) == 1;
    }

    @Override
    public Optional<IdempotencyRecord> find(String organizationId, String key) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM idempotency_records WHERE organization_id = ?"
            + " AND idempotency_key = ?", JdbcIdempotencyRecords::map, organizationId, key);
    }

    @Override
    public boolean complete(String organizationId, String key, String claimToken, IdempotencyRecord.Answer answer) {
        return jdbc.updateOrFail("UPDATE idempotency_records SET answer_status = ?, answer_body = ?"
                + " WHERE organization_id = ? AND idempotency_key = ? AND claim_token = ?", answer.status(),
            answer.body(), organizationId, key, claimToken) == 1;
    }

    @Override
    public boolean release(String organizationId, String key, String claimToken) {
        return jdbc.updateOrFail("DELETE FROM idempotency_records WHERE organization_id = ? AND idempotency_key = ?"
            + " AND claim_token = ?", organizationId, key, claimToken) == 1;
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return jdbc.updateOrFail("DELETE FROM idempotency_records WHERE created_at < ?", cutoff.toEpochMilli());
    }

    private static IdempotencyRecord map(ResultSet row) throws SQLException {
        int status = row.getInt("answer_status");
        Optional<IdempotencyRecord.Answer> answer = row.wasNull() ? Optional.empty()
            : Optional.of(new IdempotencyRecord.Answer(status, row.getString("answer_body")));
        return new IdempotencyRecord(row.getString("organization_id"), row.getString("idempotency_key"),
            row.getString("fingerprint"), row.getString("claim_token"), Instant.ofEpochMilli(row.getLong("created_at")),
            answer);
    }
}
