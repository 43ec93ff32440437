package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftStatus;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.DraftRepository;
import dev.agentmail.store.codec.StoredJson;

import javax.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drafts on Cassandra. A change is a lightweight transaction on the draft's row conditional on its status; the index
 * rows follow in a batch, and readers check each index entry against the row, so an entry left behind by a crash
 * between the two is skipped.
 */
public class CassandraDraftRepository implements DraftRepository {
    private static final String SELECT = "SELECT id, organization_id, inbox_id, status, content, send_at, thread_id,"
        + " message_id, reason, mailbox_id, uid, created_at, updated_at FROM drafts WHERE id = ?";
    private static final int DUE_BUCKET = 0;

    private final Cql cql;

    @Inject
    public CassandraDraftRepository(CassandraStore store) {
        this.cql = store.cql();
    }

    @Override
    public void create(Draft draft) {
        cql.execute("INSERT INTO drafts (id, organization_id, inbox_id, status, content, send_at, thread_id, message_id,"
                + " reason, mailbox_id, uid, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            draft.id(), draft.organizationId(), draft.inboxId(), draft.status().wireName(),
            StoredJson.write(draft.content()), draft.sendAt().orElse(null), draft.threadId().orElse(null),
            draft.messageId().orElse(null), draft.reason().orElse(null),
            draft.location().map(MailboxLocation::mailboxId).orElse(null),
            draft.location().map(MailboxLocation::uid).orElse(null), draft.createdAt(), draft.updatedAt());
        List<BoundStatement> indexes = new ArrayList<>(List.of(
            cql.bind("INSERT INTO drafts_by_inbox (organization_id, inbox_id, created_at, id) VALUES (?, ?, ?, ?)",
                draft.organizationId(), draft.inboxId(), draft.createdAt(), draft.id()),
            cql.bind("INSERT INTO drafts_by_organization (organization_id, created_at, id) VALUES (?, ?, ?)",
                draft.organizationId(), draft.createdAt(), draft.id())));
        indexes.addAll(entered(draft));
        cql.logged(indexes);
    }

    @Override
    public Optional<Draft> find(String organizationId, String draftId) {
        return find(draftId).filter(draft -> draft.organizationId().equals(organizationId));
    }

    @Override
    public Optional<Draft> find(String draftId) {
        return cql.one(CassandraDraftRepository::map, SELECT, draftId);
    }

    @Override
    public Optional<Draft> findByLocation(MailboxLocation location) {
        List<String> ids = cql.all(row -> row.getString("id"), "SELECT id FROM drafts_by_location WHERE mailbox_id = ?"
            + " AND uid = ?", location.mailboxId(), location.uid());
        return byIds(ids).stream().filter(draft -> draft.location().equals(Optional.of(location))).findFirst();
    }

    @Override
    public Page<Draft> listByInbox(String organizationId, String inboxId, PageRequest pageRequest) {
        String ids = "SELECT id FROM drafts_by_inbox WHERE organization_id = ? AND inbox_id = ?";
        return Page.of(byIds(IndexPages.ids(cql, pageRequest, ids, organizationId, inboxId)),
            cql.count("SELECT COUNT(*) FROM drafts_by_inbox WHERE organization_id = ? AND inbox_id = ?", organizationId,
                inboxId), pageRequest);
    }

    @Override
    public Page<Draft> list(String organizationId, Optional<DraftStatus> status, PageRequest pageRequest) {
        if (status.isEmpty()) {
            return Page.of(byIds(IndexPages.ids(cql, pageRequest,
                    "SELECT id FROM drafts_by_organization WHERE organization_id = ?", organizationId)),
                cql.count("SELECT COUNT(*) FROM drafts_by_organization WHERE organization_id = ?", organizationId),
                pageRequest);
        }
        String wire = status.get().wireName();
        return Page.of(byIds(IndexPages.ids(cql, pageRequest,
                    "SELECT id FROM drafts_by_status WHERE organization_id = ? AND status = ?", organizationId, wire))
                .stream().filter(draft -> draft.status() == status.get()).toList(),
            cql.count("SELECT COUNT(*) FROM drafts_by_status WHERE organization_id = ? AND status = ?", organizationId,
                wire), pageRequest);
    }

    @Override
    public boolean update(Draft draft, DraftStatus expected) {
        Optional<Draft> stored = find(draft.organizationId(), draft.id());
        if (stored.isEmpty() || stored.get().status() != expected) {
            return false;
        }
        boolean applied = cql.applied("UPDATE drafts SET status = ?, content = ?, send_at = ?, thread_id = ?,"
                + " message_id = ?, reason = ?, mailbox_id = ?, uid = ?, updated_at = ? WHERE id = ? IF status = ?",
            draft.status().wireName(), StoredJson.write(draft.content()), draft.sendAt().orElse(null),
            draft.threadId().orElse(null), draft.messageId().orElse(null), draft.reason().orElse(null),
            draft.location().map(MailboxLocation::mailboxId).orElse(null),
            draft.location().map(MailboxLocation::uid).orElse(null), draft.updatedAt(), draft.id(), expected.wireName());
        if (applied) {
            List<BoundStatement> indexes = new ArrayList<>(left(stored.get()));
            indexes.addAll(entered(draft));
            cql.logged(indexes);
        }
        return applied;
    }

    @Override
    public List<Draft> findDue(Instant now, int limit) {
        List<String> ids = cql.all(row -> row.getString("id"), "SELECT id FROM drafts_due WHERE bucket = ?"
            + " AND send_at <= ? LIMIT ?", DUE_BUCKET, now, Math.max(1, limit * 2));
        return byIds(ids).stream()
            .filter(draft -> draft.status() == DraftStatus.SCHEDULED && draft.sendAt().isPresent()
                && !draft.sendAt().get().isAfter(now))
            .limit(limit)
            .toList();
    }

    @Override
    public boolean delete(String organizationId, String draftId) {
        Optional<Draft> draft = find(organizationId, draftId);
        if (draft.isEmpty()) {
            return false;
        }
        List<BoundStatement> deletes = new ArrayList<>(List.of(
            cql.bind("DELETE FROM drafts WHERE id = ?", draftId),
            cql.bind("DELETE FROM drafts_by_inbox WHERE organization_id = ? AND inbox_id = ? AND created_at = ?"
                + " AND id = ?", organizationId, draft.get().inboxId(), draft.get().createdAt(), draftId),
            cql.bind("DELETE FROM drafts_by_organization WHERE organization_id = ? AND created_at = ? AND id = ?",
                organizationId, draft.get().createdAt(), draftId)));
        deletes.addAll(left(draft.get()));
        cql.logged(deletes);
        return true;
    }

    /** The index rows that depend on what may change: status, location, send time. */
    private List<BoundStatement> entered(Draft draft) {
        List<BoundStatement> writes = new ArrayList<>();
        writes.add(cql.bind("INSERT INTO drafts_by_status (organization_id, status, created_at, id) VALUES (?, ?, ?, ?)",
            draft.organizationId(), draft.status().wireName(), draft.createdAt(), draft.id()));
        draft.location().ifPresent(location -> writes.add(cql.bind(
            "INSERT INTO drafts_by_location (mailbox_id, uid, id) VALUES (?, ?, ?)", location.mailboxId(),
            location.uid(), draft.id())));
        if (draft.status() == DraftStatus.SCHEDULED && draft.sendAt().isPresent()) {
            writes.add(cql.bind("INSERT INTO drafts_due (bucket, send_at, id) VALUES (?, ?, ?)", DUE_BUCKET,
                draft.sendAt().get(), draft.id()));
        }
        return writes;
    }

    private List<BoundStatement> left(Draft draft) {
        List<BoundStatement> deletes = new ArrayList<>();
        deletes.add(cql.bind("DELETE FROM drafts_by_status WHERE organization_id = ? AND status = ? AND created_at = ?"
            + " AND id = ?", draft.organizationId(), draft.status().wireName(), draft.createdAt(), draft.id()));
        draft.location().ifPresent(location -> deletes.add(cql.bind(
            "DELETE FROM drafts_by_location WHERE mailbox_id = ? AND uid = ? AND id = ?", location.mailboxId(),
            location.uid(), draft.id())));
        draft.sendAt().ifPresent(sendAt -> deletes.add(cql.bind(
            "DELETE FROM drafts_due WHERE bucket = ? AND send_at = ? AND id = ?", DUE_BUCKET, sendAt, draft.id())));
        return deletes;
    }

    private List<Draft> byIds(List<String> ids) {
        return cql.fetchAll(ids.stream().map(id -> cql.bind(SELECT, id)).toList(), row -> Optional.of(map(row)));
    }

    private static Draft map(Row row) {
        String mailboxId = row.getString("mailbox_id");
        Optional<MailboxLocation> location = mailboxId == null || row.isNull("uid") ? Optional.empty()
            : Optional.of(new MailboxLocation(mailboxId, row.getLong("uid")));
        return new Draft(row.getString("id"), row.getString("organization_id"), row.getString("inbox_id"),
            DraftStatus.fromWireName(row.getString("status")).orElseThrow(), StoredJson.readDraft(row.getString("content")),
            Optional.ofNullable(row.getInstant("send_at")), Optional.ofNullable(row.getString("thread_id")),
            Optional.ofNullable(row.getString("message_id")), Optional.ofNullable(row.getString("reason")), location,
            row.getInstant("created_at"), row.getInstant("updated_at"));
    }
}
