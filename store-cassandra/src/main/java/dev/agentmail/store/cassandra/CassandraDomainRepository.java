package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The domains table is keyed by name, so its own INSERT ... IF NOT EXISTS keeps a name unique on the platform, and
 * every later change of a row is a lightweight transaction too (Cassandra advises against mixing them with plain
 * writes on one row). PENDING domains also sit in a queue by last check, which {@link #findPending} reads.
 */
public class CassandraDomainRepository implements DomainRepository {
    private static final int PENDING_BUCKET = 0;
    private static final String COLUMNS = "name, organization_id, status, feedback_enabled, records, dkim_selector,"
        + " dkim_public_key, dkim_private_key, created_at, updated_at, checked_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM domains WHERE name = ?";

    private final Cql cql;
    private final SealedSecrets secrets;

    @Inject
    public CassandraDomainRepository(CassandraStore store, SecretSealer sealer) {
        this.cql = store.cql();
        this.secrets = new SealedSecrets(sealer);
    }

    @Override
    public void create(Domain domain) {
        // A new domain counts as checked when it was made: it waits its turn behind the older pending ones.
        if (!cql.applied("INSERT INTO domains (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS",
            domain.name(), domain.organizationId(), domain.status().name(), domain.feedbackEnabled(),
            StoredJson.writeRecords(domain.records()), domain.dkimKey().selector(), domain.dkimKey().publicKey(),
            secrets.sealDkimKey(domain.name(), domain.dkimKey().privateKey()), domain.createdAt(), domain.updatedAt(),
            domain.createdAt())) {
            throw new DomainTakenException(domain.name());
        }
        List<BoundStatement> writes = new ArrayList<>();
        writes.add(cql.bind("INSERT INTO domains_by_organization (organization_id, created_at, id) VALUES (?, ?, ?)",
            domain.organizationId(), domain.createdAt(), domain.name()));
        if (domain.status() == Domain.Status.PENDING) {
            writes.add(queue(domain.name(), domain.createdAt()));
        }
        cql.logged(writes);
    }

    @Override
    public Optional<Domain> find(String name) {
        return cql.one(this::map, SELECT, name).map(Checked::domain);
    }

    @Override
    public Optional<Domain> find(String organizationId, String name) {
        return find(name).filter(domain -> domain.organizationId().equals(organizationId));
    }

    @Override
    public Page<Domain> list(String organizationId, PageRequest pageRequest) {
        List<String> names = IndexPages.ids(cql, pageRequest,
            "SELECT id FROM domains_by_organization WHERE organization_id = ?", organizationId);
        return Page.of(cql.fetchAll(names.stream().map(name -> cql.bind(SELECT, name)).toList(),
            row -> Optional.of(map(row).domain())), count(organizationId), pageRequest);
    }

    @Override
    public long count(String organizationId) {
        return cql.count("SELECT COUNT(*) FROM domains_by_organization WHERE organization_id = ?", organizationId);
    }

    /** Queue entries that no longer match their domain (verified, deleted, checked again) are dropped on the way. */
    @Override
    public List<Domain> findPending(int limit) {
        List<Domain> pending = new ArrayList<>();
        for (Row entry : cql.execute("SELECT checked_at, name FROM domains_pending WHERE bucket = ?", PENDING_BUCKET)) {
            if (pending.size() >= Math.max(1, limit)) {
                break;
            }
            Instant checkedAt = entry.getInstant("checked_at");
            String name = entry.getString("name");
            Optional<Checked> domain = cql.one(this::map, SELECT, name);
            if (domain.isPresent() && domain.get().domain().status() == Domain.Status.PENDING
                && domain.get().checkedAt().equals(checkedAt)) {
                pending.add(domain.get().domain());
            } else {
                cql.execute("DELETE FROM domains_pending WHERE bucket = ? AND checked_at = ? AND name = ?",
                    PENDING_BUCKET, checkedAt, name);
            }
        }
        return pending;
    }

    @Override
    public boolean updateVerification(Domain domain, Domain.Status expected, Instant checkedAt) {
        Optional<Checked> before = cql.one(this::map, SELECT, domain.name());
        boolean updated = cql.applied("UPDATE domains SET status = ?, records = ?, updated_at = ?, checked_at = ?"
                + " WHERE name = ? IF organization_id = ? AND status = ?", domain.status().name(),
            StoredJson.writeRecords(domain.records()), domain.updatedAt(), checkedAt, domain.name(),
            domain.organizationId(), expected.name());
        if (updated) {
            List<BoundStatement> writes = new ArrayList<>();
            before.ifPresent(old -> writes.add(cql.bind(
                "DELETE FROM domains_pending WHERE bucket = ? AND checked_at = ? AND name = ?", PENDING_BUCKET,
                old.checkedAt(), domain.name())));
            if (domain.status() == Domain.Status.PENDING) {
                writes.add(queue(domain.name(), checkedAt));
            }
            cql.logged(writes);
        }
        return updated;
    }

    @Override
    public boolean delete(String organizationId, String name) {
        Optional<Checked> domain = cql.one(this::map, SELECT, name)
            .filter(found -> found.domain().organizationId().equals(organizationId));
        if (domain.isEmpty() || !cql.applied("DELETE FROM domains WHERE name = ? IF organization_id = ?", name,
            organizationId)) {
            return false;
        }
        cql.logged(List.of(
            cql.bind("DELETE FROM domains_by_organization WHERE organization_id = ? AND created_at = ? AND id = ?",
                organizationId, domain.get().domain().createdAt(), name),
            cql.bind("DELETE FROM domains_pending WHERE bucket = ? AND checked_at = ? AND name = ?", PENDING_BUCKET,
                domain.get().checkedAt(), name)));
        return true;
    }

    private BoundStatement queue(String name, Instant checkedAt) {
        return cql.bind("INSERT INTO domains_pending (bucket, checked_at, name) VALUES (?, ?, ?)", PENDING_BUCKET,
            checkedAt, name);
    }

    /** A domain with the time of its last check, which the model does not carry. */
    private record Checked(Domain domain, Instant checkedAt) {
    }

    private Checked map(Row row) {
        String name = row.getString("name");
        return new Checked(new Domain(name, row.getString("organization_id"),
            Domain.Status.valueOf(row.getString("status")), row.getBoolean("feedback_enabled"),
            StoredJson.readRecords(row.getString("records")),
            new DkimKey(row.getString("dkim_selector"), row.getString("dkim_public_key"),
                secrets.openDkimKey(name, row.getString("dkim_private_key"))),
            row.getInstant("created_at"), row.getInstant("updated_at")), row.getInstant("checked_at"));
    }
}
