package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.model.ListEntry.Direction;
import dev.agentmail.domain.model.ListEntry.Kind;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.ListEntryRepository;

import javax.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Adding and removing are lightweight transactions, so that each says whether it changed the list. */
public class CassandraListEntryRepository implements ListEntryRepository {
    private static final String COLUMNS = "organization_id, scope, direction, kind, entry, reason, created_at";
    private static final String OWNER = " WHERE organization_id = ? AND scope = ? AND direction = ?";
    private static final String ORGANIZATION = "";

    private final Cql cql;

    @Inject
    public CassandraListEntryRepository(CassandraStore store) {
        this.cql = store.cql();
    }

    @Override
    public boolean add(ListEntry entry) {
        return cql.applied("INSERT INTO list_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS",
            entry.organizationId(), entry.inboxId().orElse(ORGANIZATION), entry.direction().name(), entry.kind().name(),
            entry.entry(), entry.reason().orElse(null), entry.createdAt());
    }

    @Override
    public Page<ListEntry> list(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                                PageRequest pageRequest) {
        List<ListEntry> page = cql.all(CassandraListEntryRepository::map, "SELECT " + COLUMNS + " FROM list_entries"
                + OWNER + " AND kind = ? LIMIT ?", organizationId, inboxId.orElse(ORGANIZATION), direction.name(),
            kind.name(), (int) (pageRequest.offset() + pageRequest.pageSize()))
            .stream().skip(pageRequest.offset()).toList();
        return Page.of(page, count(organizationId, inboxId, direction, kind), pageRequest);
    }

    @Override
    public long count(String organizationId, Optional<String> inboxId, Direction direction, Kind kind) {
        return cql.count("SELECT COUNT(*) FROM list_entries" + OWNER + " AND kind = ?", organizationId,
            inboxId.orElse(ORGANIZATION), direction.name(), kind.name());
    }

    @Override
    public List<ListEntry> entriesFor(String organizationId, String inboxId, Direction direction) {
        return cql.all(CassandraListEntryRepository::map, "SELECT " + COLUMNS + " FROM list_entries"
            + " WHERE organization_id = ? AND scope IN (?, ?) AND direction = ?", organizationId, ORGANIZATION, inboxId,
            direction.name());
    }

    @Override
    public boolean delete(String organizationId, Optional<String> inboxId, Direction direction, Kind kind,
                          String entry) {
        return cql.applied("DELETE FROM list_entries" + OWNER + " AND kind = ? AND entry = ? IF EXISTS", organizationId,
            inboxId.orElse(ORGANIZATION), direction.name(), kind.name(), entry);
    }

    private static ListEntry map(Row row) {
        String scope = row.getString("scope");
        return new ListEntry(row.getString("organization_id"),
            scope.equals(ORGANIZATION) ? Optional.empty() : Optional.of(scope),
            Direction.valueOf(row.getString("direction")), Kind.valueOf(row.getString("kind")), row.getString("entry"),
            Optional.ofNullable(row.getString("reason")), row.getInstant("created_at"));
    }
}
