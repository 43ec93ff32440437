package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.StorageException;
import dev.agentmail.store.codec.StoredKeyScope;
import dev.agentmail.store.cassandra.UniqueClaims.Scope;

import javax.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A key's secret hash is claimed in {@link UniqueClaims}, which is also how a secret finds its key. */
public class CassandraApiKeyRepository implements ApiKeyRepository {
    private static final String SELECT = "SELECT id, organization_id, name, prefix, secret_hash, inbox_ids, permissions, used_at,"
        + " created_at"
        + " FROM api_keys WHERE id = ?";

    private final Cql cql;
    private final UniqueClaims claims;

    @Inject
    public CassandraApiKeyRepository(CassandraStore store) {
        this.cql = store.cql();
        this.claims = new UniqueClaims(cql);
    }

    @Override
    public void create(ApiKey key) {
        if (!claims.claim(Scope.API_KEY_HASH, key.secretHash(), key.id())) {
            // Never the hash itself: failures are logged.
            throw new StorageException("could not create API key " + key.id() + ": its secret is already in use", null);
        }
        cql.logged(List.of(
            cql.bind("INSERT INTO api_keys (id, organization_id, name, prefix, secret_hash, inbox_ids, permissions,"
                    + " used_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", key.id(), key.organizationId(),
                key.name(), key.prefix(), key.secretHash(), StoredKeyScope.inboxIds(key.scope()),
                StoredKeyScope.permissions(key.scope()), key.usedAt().orElse(null), key.createdAt()),
            cql.bind("INSERT INTO api_keys_by_organization (organization_id, created_at, id) VALUES (?, ?, ?)",
                key.organizationId(), key.createdAt(), key.id())));
    }

    @Override
    public Optional<ApiKey> findBySecretHash(String secretHash) {
        return claims.owner(Scope.API_KEY_HASH, secretHash)
            .flatMap(this::find)
            .filter(key -> key.secretHash().equals(secretHash));
    }

    @Override
    public Optional<ApiKey> find(String organizationId, String keyId) {
        return find(keyId).filter(key -> key.organizationId().equals(organizationId));
    }

    private Optional<ApiKey> find(String keyId) {
        return cql.one(CassandraApiKeyRepository::map, SELECT, keyId);
    }

    @Override
    public Page<ApiKey> list(String organizationId, PageRequest pageRequest) {
        List<String> ids = IndexPages.ids(cql, pageRequest,
            "SELECT id FROM api_keys_by_organization WHERE organization_id = ?", organizationId);
        return Page.of(cql.fetchAll(ids.stream().map(id -> cql.bind(SELECT, id)).toList(),
                row -> Optional.of(map(row))),
            cql.count("SELECT COUNT(*) FROM api_keys_by_organization WHERE organization_id = ?", organizationId),
            pageRequest);
    }

    @Override
    public boolean delete(String organizationId, String keyId) {
        Optional<ApiKey> key = find(organizationId, keyId);
        if (key.isEmpty()) {
            return false;
        }
        cql.logged(List.of(
            cql.bind("DELETE FROM api_keys WHERE id = ?", keyId),
            cql.bind("DELETE FROM api_keys_by_organization WHERE organization_id = ? AND created_at = ? AND id = ?",
                organizationId, key.get().createdAt(), keyId)));
        claims.release(Scope.API_KEY_HASH, key.get().secretHash(), keyId);
        return true;
    }

    /** IF EXISTS: an update of a revoked key must not bring back a row of its own. */
    @Override
    public void markUsed(String keyId, Instant usedAt) {
        cql.applied("UPDATE api_keys SET used_at = ? WHERE id = ? IF EXISTS", usedAt, keyId);
    }

    private static ApiKey map(Row row) {
        return new ApiKey(row.getString("id"), row.getString("organization_id"), row.getString("name"),
            row.getString("prefix"), row.getString("secret_hash"),
            StoredKeyScope.read(row.getString("inbox_ids"), row.getString("permissions")),
            Optional.ofNullable(row.getInstant("used_at")),
            row.getInstant("created_at"));
    }
}
