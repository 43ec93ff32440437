package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.StorageException;
import dev.agentmail.store.codec.StoredKeyScope;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

public class JdbcApiKeyRepository implements ApiKeyRepository {
    private static final String COLUMNS = "id, organization_id, name, prefix, secret_hash, inbox_ids, permissions, used_at,"
        + " created_at";

    private final Jdbc jdbc;

    @Inject
    public JdbcApiKeyRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void create(ApiKey key) {
        try {
            jdbc.update("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(), key.organizationId(), key.name(), key.prefix(), key.secretHash(),
                StoredKeyScope.inboxIds(key.scope()), StoredKeyScope.permissions(key.scope()), Jdbc.nullableMillis(key.usedAt()), key.createdAt().toEpochMilli());
        } catch (SQLException e) {
            if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Without the cause: PostgreSQL's detail would quote the secret's hash into every log of this failure.
                throw new StorageException("could not create API key " + key.id()
                    + ": its id or secret is already in use (SQLState " + e.getSQLState() + ")", null);
            }
            throw Jdbc.failure(e);
        }
    }

    @Override
    public Optional<ApiKey> findBySecretHash(String secretHash) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE secret_hash = ?", this::map, secretHash);
    }

    @Override
    public Optional<ApiKey> find(String organizationId, String keyId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE organization_id = ? AND id = ?", this::map,
            organizationId, keyId);
    }

    @Override
    public Page<ApiKey> list(String organizationId, PageRequest pageRequest) {
        return Page.of(jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE organization_id = ?"
                    + " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", this::map,
                organizationId, pageRequest.offset(), pageRequest.pageSize()),
            jdbc.count("SELECT COUNT(*) FROM api_keys WHERE organization_id = ?", organizationId), pageRequest);
    }

    @Override
    public boolean delete(String organizationId, String keyId) {
        return jdbc.updateOrFail("DELETE FROM api_keys WHERE organization_id = ? AND id = ?", organizationId, keyId) > 0;
    }

    @Override
    public void markUsed(String keyId, Instant usedAt) {
        jdbc.updateOrFail("UPDATE api_keys SET used_at = ? WHERE id = ?", usedAt.toEpochMilli(), keyId);
    }

    private ApiKey map(ResultSet row) throws SQLException {
        return new ApiKey(row.getString("id"), row.getString("organization_id"), row.getString("name"),
            row.getString("prefix"), row.getString("secret_hash"),
            StoredKeyScope.read(row.getString("inbox_ids"), row.getString("permissions")), Jdbc.instant(row, "used_at"),
            Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
