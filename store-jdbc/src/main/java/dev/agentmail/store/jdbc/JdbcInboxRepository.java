package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.SendMode;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.AddressTakenException;
import dev.agentmail.domain.store.ClientIdTakenException;
import dev.agentmail.domain.store.InboxRepository;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public class JdbcInboxRepository implements InboxRepository {
    private static final String COLUMNS =
        "id, organization_id, username, domain, display_name, client_id, created_at, updated_at, expires_at, send_mode";

    private final Jdbc jdbc;

    @Inject
    public JdbcInboxRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void create(Inbox inbox) {
        try {
            jdbc.update("INSERT INTO inboxes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inbox.id(), inbox.organizationId(), inbox.username(), inbox.domain(), inbox.displayName().orElse(null),
                inbox.clientId().orElse(null), inbox.createdAt().toEpochMilli(), inbox.updatedAt().toEpochMilli(),
                Jdbc.nullableMillis(inbox.expiresAt()), inbox.sendMode().wireName());
        } catch (SQLException e) {
            if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Two unique constraints: the client_id's when an inbox holds it now, else the address's.
                if (inbox.clientId().flatMap(clientId -> findByClientId(inbox.organizationId(), clientId)).isPresent()) {
                    throw new ClientIdTakenException();
                }
                throw new AddressTakenException(inbox.emailAddress());
            }
            throw Jdbc.failure(e);
        }
    }

    @Override
    public Optional<Inbox> find(String organizationId, String inboxId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM inboxes WHERE organization_id = ? AND id = ?", this::map,
            organizationId, inboxId);
    }

    @Override
    public Optional<Inbox> findByAddress(String username, String domain) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM inboxes WHERE username = ? AND domain = ?", this::map,
            username, domain);
    }

    @Override
    public Optional<Inbox> findByClientId(String organizationId, String clientId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM inboxes WHERE organization_id = ? AND client_id = ?",
            this::map, organizationId, clientId);
    }

    @Override
    public Page<Inbox> list(String organizationId, PageRequest pageRequest) {
        return Page.of(jdbc.query("SELECT " + COLUMNS + " FROM inboxes WHERE organization_id = ?"
                    + " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", this::map,
                organizationId, pageRequest.offset(), pageRequest.pageSize()),
            count(organizationId), pageRequest);
    }

    @Override
    public long count(String organizationId) {
        return jdbc.count("SELECT COUNT(*) FROM inboxes WHERE organization_id = ?", organizationId);
    }

    @Override
    public long countByDomain(String domain) {
        return jdbc.count("SELECT COUNT(*) FROM inboxes WHERE domain = ?", domain);
    }

    @Override
    public void update(Inbox inbox) {
        jdbc.updateOrFail("UPDATE inboxes SET display_name = ?, client_id = ?, updated_at = ?, send_mode = ?"
                + " WHERE organization_id = ? AND id = ?", inbox.displayName().orElse(null),
            inbox.clientId().orElse(null), inbox.updatedAt().toEpochMilli(), inbox.sendMode().wireName(),
            inbox.organizationId(), inbox.id());
    }

    @Override
    public List<Inbox> findExpired(Instant now, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inboxes WHERE expires_at IS NOT NULL AND expires_at <= ?"
            + " ORDER BY expires_at, id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", this::map, now.toEpochMilli());
    }

    @Override
    public boolean delete(String organizationId, String inboxId) {
        return jdbc.updateOrFail("DELETE FROM inboxes WHERE organization_id = ? AND id = ?", organizationId, inboxId) > 0;
    }

    private Inbox map(ResultSet row) throws SQLException {
        return new Inbox(row.getString("id"), row.getString("organization_id"), row.getString("username"),
            row.getString("domain"), Optional.ofNullable(row.getString("display_name")),
            Optional.ofNullable(row.getString("client_id")), Instant.ofEpochMilli(row.getLong("created_at")),
            Instant.ofEpochMilli(row.getLong("updated_at")), Jdbc.instant(row, "expires_at"),
            SendMode.fromWireName(row.getString("send_mode")).orElseThrow());
    }
}
