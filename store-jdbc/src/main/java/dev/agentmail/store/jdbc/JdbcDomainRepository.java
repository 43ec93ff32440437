package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.DkimKey;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.DomainTakenException;
import dev.agentmail.store.codec.SealedSecrets;
import dev.agentmail.store.codec.StoredJson;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public class JdbcDomainRepository implements DomainRepository {
    private static final String COLUMNS = "name, organization_id, status, feedback_enabled, records, dkim_selector,"
        + " dkim_public_key, dkim_private_key, created_at, updated_at";

    private final Jdbc jdbc;
    private final SealedSecrets secrets;

    @Inject
    public JdbcDomainRepository(DataSource dataSource, SecretSealer sealer) {
        this.jdbc = new Jdbc(dataSource);
        this.secrets = new SealedSecrets(sealer);
    }

    @Override
    public void create(Domain domain) {
        try {
            jdbc.update("INSERT INTO domains (" + COLUMNS + ", checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                domain.name(), domain.organizationId(), domain.status().name(), domain.feedbackEnabled() ? 1 : 0,
                StoredJson.writeRecords(domain.records()), domain.dkimKey().selector(), domain.dkimKey().publicKey(),
                secrets.sealDkimKey(domain.name(), domain.dkimKey().privateKey()), domain.createdAt().toEpochMilli(), domain.updatedAt().toEpochMilli(),
                domain.createdAt().toEpochMilli());
        } catch (SQLException e) {
            if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DomainTakenException(domain.name());
            }
            throw Jdbc.failure(e);
        }
    }

    @Override
    public Optional<Domain> find(String name) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM domains WHERE name = ?", this::map, name);
    }

    @Override
    public Optional<Domain> find(String organizationId, String name) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM domains WHERE organization_id = ? AND name = ?", this::map,
            organizationId, name);
    }

    @Override
    public Page<Domain> list(String organizationId, PageRequest pageRequest) {
        return Page.of(jdbc.query("SELECT " + COLUMNS + " FROM domains WHERE organization_id = ?"
                    + " ORDER BY created_at DESC, name DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", this::map,
                organizationId, pageRequest.offset(), pageRequest.pageSize()),
            count(organizationId), pageRequest);
    }

    @Override
    public long count(String organizationId) {
        return jdbc.count("SELECT COUNT(*) FROM domains WHERE organization_id = ?", organizationId);
    }

    @Override
    public List<Domain> findPending(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM domains WHERE status = ? ORDER BY checked_at, name"
            + " FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", this::map, Domain.Status.PENDING.name());
    }

    @Override
    public boolean updateVerification(Domain domain, Domain.Status expected, Instant checkedAt) {
        return jdbc.updateOrFail("UPDATE domains SET status = ?, records = ?, updated_at = ?, checked_at = ?"
                + " WHERE organization_id = ? AND name = ? AND status = ?", domain.status().name(),
            StoredJson.writeRecords(domain.records()), domain.updatedAt().toEpochMilli(), checkedAt.toEpochMilli(),
            domain.organizationId(), domain.name(), expected.name()) > 0;
    }

    @Override
    public boolean delete(String organizationId, String name) {
        return jdbc.updateOrFail("DELETE FROM domains WHERE organization_id = ? AND name = ?", organizationId, name) > 0;
    }

    private Domain map(ResultSet row) throws SQLException {
        String name = row.getString("name");
        return new Domain(name, row.getString("organization_id"),
            Domain.Status.valueOf(row.getString("status")), row.getInt("feedback_enabled") != 0,
            StoredJson.readRecords(row.getString("records")),
            new DkimKey(row.getString("dkim_selector"), row.getString("dkim_public_key"),
                secrets.openDkimKey(name, row.getString("dkim_private_key"))),
            Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("updated_at")));
    }
}
