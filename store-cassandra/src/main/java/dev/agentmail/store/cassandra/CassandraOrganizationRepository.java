package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.OrganizationRepository;

import javax.inject.Inject;
import java.util.List;
import java.util.Optional;

public class CassandraOrganizationRepository implements OrganizationRepository {
    /** Every organization sits in this one partition of the listing table: an operator makes them by hand. */
    private static final int BUCKET = 0;
    private static final String SELECT = "SELECT id, name, created_at, updated_at FROM organizations WHERE id = ?";

    private final Cql cql;

    @Inject
    public CassandraOrganizationRepository(CassandraStore store) {
        this.cql = store.cql();
    }

    @Override
    public void create(Organization organization) {
        cql.logged(List.of(
            cql.bind("INSERT INTO organizations (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                organization.id(), organization.name(), organization.createdAt(), organization.updatedAt()),
            cql.bind("INSERT INTO organizations_by_creation (bucket, created_at, id) VALUES (?, ?, ?)", BUCKET,
                organization.createdAt(), organization.id())));
    }

    @Override
    public Optional<Organization> find(String organizationId) {
        return cql.one(CassandraOrganizationRepository::map, SELECT, organizationId);
    }

    @Override
    public Page<Organization> list(PageRequest pageRequest) {
        List<String> ids = IndexPages.ids(cql, pageRequest,
            "SELECT id FROM organizations_by_creation WHERE bucket = ?", BUCKET);
        return Page.of(cql.fetchAll(ids.stream().map(id -> cql.bind(SELECT, id)).toList(),
            row -> Optional.of(map(row))), count(), pageRequest);
    }

    @Override
    public long count() {
        return cql.count("SELECT COUNT(*) FROM organizations_by_creation WHERE bucket = ?", BUCKET);
    }

    private static Organization map(Row row) {
        return new Organization(row.getString("id"), row.getString("name"), row.getInstant("created_at"),
            row.getInstant("updated_at"));
    }
}
