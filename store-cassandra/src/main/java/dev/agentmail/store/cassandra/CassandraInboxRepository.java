package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.SendMode;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.AddressTakenException;
import dev.agentmail.domain.store.ClientIdTakenException;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.store.cassandra.UniqueClaims.Scope;

import javax.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An address, and a client_id within its organization, are claimed in {@link UniqueClaims} before the inbox is written,
 * which is how they stay unique across nodes, and how they find their inbox.
 */
public class CassandraInboxRepository implements InboxRepository {
    /** Disposable inboxes share one partition of the expiry index. */
    private static final int EXPIRY_BUCKET = 0;
    private static final String SELECT = "SELECT id, organization_id, username, domain, display_name, client_id,"
        + " created_at, updated_at, expires_at, send_mode FROM inboxes WHERE id = ?";

    private final Cql cql;
    private final UniqueClaims claims;

    @Inject
    public CassandraInboxRepository(CassandraStore store) {
        this.cql = store.cql();
        this.claims = new UniqueClaims(cql);
    }

    @Override
    public void create(Inbox inbox) {
        Optional<String> clientId = inbox.clientId().map(id -> clientIdClaim(inbox.organizationId(), id));
        if (clientId.isPresent() && !claims.claim(Scope.INBOX_CLIENT_ID, clientId.get(), inbox.id())) {
            throw new ClientIdTakenException();
        }
        if (!claims.claim(Scope.INBOX_ADDRESS, inbox.emailAddress(), inbox.id())) {
            clientId.ifPresent(claimed -> claims.release(Scope.INBOX_CLIENT_ID, claimed, inbox.id()));
            throw new AddressTakenException(inbox.emailAddress());
        }
        List<BoundStatement> writes = new ArrayList<>(List.of(
            cql.bind("INSERT INTO inboxes (id, organization_id, username, domain, display_name, client_id, created_at,"
                    + " updated_at, expires_at, send_mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inbox.id(),
                inbox.organizationId(), inbox.username(), inbox.domain(), inbox.displayName().orElse(null),
                inbox.clientId().orElse(null), inbox.createdAt(), inbox.updatedAt(), inbox.expiresAt().orElse(null),
                inbox.sendMode().wireName()),
            cql.bind("INSERT INTO inboxes_by_organization (organization_id, created_at, id) VALUES (?, ?, ?)",
                inbox.organizationId(), inbox.createdAt(), inbox.id()),
            cql.bind("INSERT INTO inboxes_by_domain (domain, username, id) VALUES (?, ?, ?)", inbox.domain(),
                inbox.username(), inbox.id())));
        inbox.expiresAt().ifPresent(expiry -> writes.add(
            cql.bind("INSERT INTO inboxes_by_expiry (bucket, expires_at, id) VALUES (?, ?, ?)", EXPIRY_BUCKET, expiry,
                inbox.id())));
        cql.logged(writes);
    }

    @Override
    public Optional<Inbox> find(String organizationId, String inboxId) {
        return find(inboxId).filter(inbox -> inbox.organizationId().equals(organizationId));
    }

    private Optional<Inbox> find(String inboxId) {
        return cql.one(CassandraInboxRepository::map, SELECT, inboxId);
    }

    @Override
    public Optional<Inbox> findByAddress(String username, String domain) {
        String address = username + "@" + domain;
        return claims.owner(Scope.INBOX_ADDRESS, address)
            .flatMap(this::find)
            .filter(inbox -> inbox.emailAddress().equals(address));
    }

    @Override
    public Optional<Inbox> findByClientId(String organizationId, String clientId) {
        return claims.owner(Scope.INBOX_CLIENT_ID, clientIdClaim(organizationId, clientId))
            .flatMap(id -> find(organizationId, id))
            .filter(inbox -> inbox.clientId().equals(Optional.of(clientId)));
    }

    private static String clientIdClaim(String organizationId, String clientId) {
        return organizationId + " " + clientId;
    }

    @Override
    public Page<Inbox> list(String organizationId, PageRequest pageRequest) {
        List<String> ids = IndexPages.ids(cql, pageRequest,
            "SELECT id FROM inboxes_by_organization WHERE organization_id = ?", organizationId);
        return Page.of(byIds(ids), count(organizationId), pageRequest);
    }

    private List<Inbox> byIds(List<String> ids) {
        return cql.fetchAll(ids.stream().map(id -> cql.bind(SELECT, id)).toList(), row -> Optional.of(map(row)));
    }

    @Override
    public long count(String organizationId) {
        return cql.count("SELECT COUNT(*) FROM inboxes_by_organization WHERE organization_id = ?", organizationId);
    }

    @Override
    public long countByDomain(String domain) {
        return cql.count("SELECT COUNT(*) FROM inboxes_by_domain WHERE domain = ?", domain);
    }

    /** IF EXISTS: an update racing with a delete must not bring back a row without its address. */
    @Override
    public void update(Inbox inbox) {
        cql.applied("UPDATE inboxes SET display_name = ?, client_id = ?, updated_at = ?, send_mode = ? WHERE id = ?"
                + " IF organization_id = ?", inbox.displayName().orElse(null), inbox.clientId().orElse(null),
            inbox.updatedAt(), inbox.sendMode().wireName(), inbox.id(), inbox.organizationId());
    }

    @Override
    public List<Inbox> findExpired(Instant now, int limit) {
        List<String> ids = cql.all(row -> row.getString("id"), "SELECT id FROM inboxes_by_expiry WHERE bucket = ?"
            + " AND expires_at <= ? LIMIT ?", EXPIRY_BUCKET, now, Math.max(1, limit));
        return byIds(ids);
    }

    @Override
    public boolean delete(String organizationId, String inboxId) {
        Optional<Inbox> found = find(organizationId, inboxId);
        if (found.isEmpty()) {
            return false;
        }
        Inbox inbox = found.get();
        List<BoundStatement> deletes = new ArrayList<>(List.of(
            cql.bind("DELETE FROM inboxes WHERE id = ?", inboxId),
            cql.bind("DELETE FROM inboxes_by_organization WHERE organization_id = ? AND created_at = ? AND id = ?",
                organizationId, inbox.createdAt(), inboxId),
            cql.bind("DELETE FROM inboxes_by_domain WHERE domain = ? AND username = ?", inbox.domain(),
                inbox.username())));
        inbox.expiresAt().ifPresent(expiry -> deletes.add(
            cql.bind("DELETE FROM inboxes_by_expiry WHERE bucket = ? AND expires_at = ? AND id = ?", EXPIRY_BUCKET,
                expiry, inboxId)));
        cql.logged(deletes);
        claims.release(Scope.INBOX_ADDRESS, inbox.emailAddress(), inboxId);
        inbox.clientId().ifPresent(clientId ->
            claims.release(Scope.INBOX_CLIENT_ID, clientIdClaim(organizationId, clientId), inboxId));
        return true;
    }

    private static Inbox map(Row row) {
        return new Inbox(row.getString("id"), row.getString("organization_id"), row.getString("username"),
            row.getString("domain"), Optional.ofNullable(row.getString("display_name")),
            Optional.ofNullable(row.getString("client_id")), row.getInstant("created_at"), row.getInstant("updated_at"),
            Optional.ofNullable(row.getInstant("expires_at")),
            // Inboxes stored before send modes existed send directly.
            Optional.ofNullable(row.getString("send_mode")).flatMap(SendMode::fromWireName).orElse(SendMode.DIRECT));
    }
}
