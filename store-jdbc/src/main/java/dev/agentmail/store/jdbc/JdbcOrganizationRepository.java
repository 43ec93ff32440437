package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.OrganizationRepository;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

public class JdbcOrganizationRepository implements OrganizationRepository {
    private static final String COLUMNS = "id, name, created_at, updated_at";

    private final Jdbc jdbc;

    @Inject
    public JdbcOrganizationRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void create(Organization organization) {
        jdbc.updateOrFail("INSERT INTO organizations (" + COLUMNS + ") VALUES (?, ?, ?, ?)",
            organization.id(), organization.name(), organization.createdAt().toEpochMilli(),
            organization.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<Organization> find(String organizationId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM organizations WHERE id = ?", this::map, organizationId);
    }

    @Override
    public Page<Organization> list(PageRequest pageRequest) {
        return Page.of(jdbc.query("SELECT " + COLUMNS + " FROM organizations ORDER BY created_at, id"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", this::map, pageRequest.offset(), pageRequest.pageSize()),
            count(), pageRequest);
    }

    @Override
    public long count() {
        return jdbc.count("SELECT COUNT(*) FROM organizations");
    }

    private Organization map(ResultSet row) throws SQLException {
        return new Organization(row.getString("id"), row.getString("name"),
            Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("updated_at")));
    }
}
