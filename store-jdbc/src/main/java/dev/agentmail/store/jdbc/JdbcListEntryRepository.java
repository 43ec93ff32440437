package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.model.ListEntry.Direction;
import dev.agentmail.domain.model.ListEntry.Kind;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.ListEntryRepository;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public class JdbcListEntryRepository implements ListEntryRepository {
    private static final String COLUMNS = "organization_id, inbox_id, direction, kind, entry, reason, created_at";
    private static final String LIST = " FROM list_entries WHERE organization_id = ? AND inbox_id = ? AND direction = ?";
    /** The organization's own lists, in a column that is part of the key and so cannot be NULL. */
    private static final String ORGANIZATION = "";

    private final Jdbc jdbc;

    @Inject
    public JdbcListEntryRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public boolean add(ListEntry entry) {
        try {
            jdbc.update("INSERT INTO list_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                entry.organizationId(), entry.inboxId().orElse(ORGANIZATION), entry.direction().name(),
                entry.kind().name(), entry.entry(), entry.reason().orElse(null), entry.createdAt().toEpochMilli());
            return true;
        } catch (SQLException e) {
            if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw Jdbc.failure(e);
        }
    }

    @Override
    public Page<ListEntry> list(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                                PageRequest pageRequest) {
        return Page.of(jdbc.query("SELECT " + COLUMNS + LIST + " AND kind = ? ORDER BY entry"
                    + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", JdbcListEntryRepository::map, organizationId,
                inboxId.orElse(ORGANIZATION), direction.name(), kind.name(), pageRequest.offset(), pageRequest.pageSize()),
            count(organizationId, inboxId, direction, kind), pageRequest);
    }

    @Override
    public long count(String organizationId, Optional<String> inboxId, Direction direction, Kind kind) {
        return jdbc.count("SELECT COUNT(*)" + LIST + " AND kind = ?", organizationId, inboxId.orElse(ORGANIZATION),
            direction.name(), kind.name());
    }

    @Override
    public List<ListEntry> entriesFor(String organizationId, String inboxId, Direction direction) {
        return jdbc.query("SELECT " + COLUMNS + " FROM list_entries WHERE organization_id = ? AND inbox_id IN (?, ?)"
            + " AND direction = ?", JdbcListEntryRepository::map, organizationId, ORGANIZATION, inboxId, direction.name());
    }

    @Override
    public boolean delete(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                          String entry) {
        return jdbc.updateOrFail("DELETE" + LIST + " AND kind = ? AND entry = ?", organizationId,
            inboxId.orElse(ORGANIZATION), direction.name(), kind.name(), entry) > 0;
    }

    private static ListEntry map(ResultSet row) throws SQLException {
        String inboxId = row.getString("inbox_id");
        return new ListEntry(row.getString("organization_id"),
            inboxId.equals(ORGANIZATION) ? Optional.empty() : Optional.of(inboxId),
            Direction.valueOf(row.getString("direction")), Kind.valueOf(row.getString("kind")), row.getString("entry"),
            Optional.ofNullable(row.getString("reason")), Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
