package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftStatus;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.DraftRepository;
import dev.agentmail.store.codec.StoredJson;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public class JdbcDraftRepository implements DraftRepository {
    private static final String COLUMNS = "id, organization_id, inbox_id, status, content, send_at, thread_id,"
        + " message_id, reason, mailbox_id, uid, created_at, updated_at";
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

    private final Jdbc jdbc;

    @Inject
    public JdbcDraftRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void create(Draft draft) {
        jdbc.updateOrFail("INSERT INTO drafts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            draft.id(), draft.organizationId(), draft.inboxId(), draft.status().wireName(),
            StoredJson.write(draft.content()), Jdbc.nullableMillis(draft.sendAt()), draft.threadId().orElse(null),
            draft.messageId().orElse(null), draft.reason().orElse(null),
            draft.location().map(MailboxLocation::mailboxId).orElse(null), uid(draft),
            draft.createdAt().toEpochMilli(), draft.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<Draft> find(String organizationId, String draftId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM drafts WHERE organization_id = ? AND id = ?",
            JdbcDraftRepository::map, organizationId, draftId);
    }

    @Override
    public Optional<Draft> find(String draftId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM drafts WHERE id = ?", JdbcDraftRepository::map, draftId);
    }

    @Override
    public Optional<Draft> findByLocation(MailboxLocation location) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM drafts WHERE mailbox_id = ? AND uid = ?",
            JdbcDraftRepository::map, location.mailboxId(), location.uid());
    }

    @Override
    public Page<Draft> listByInbox(String organizationId, String inboxId, PageRequest pageRequest) {
        String where = " FROM drafts WHERE organization_id = ? AND inbox_id = ?";
        return Page.of(jdbc.query("SELECT " + COLUMNS + where + NEWEST_FIRST, JdbcDraftRepository::map, organizationId,
                inboxId, pageRequest.offset(), pageRequest.pageSize()),
            jdbc.count("SELECT COUNT(*)" + where, organizationId, inboxId), pageRequest);
    }

    @Override
    public Page<Draft> list(String organizationId, Optional<DraftStatus> status, PageRequest pageRequest) {
        if (status.isEmpty()) {
            String where = " FROM drafts WHERE organization_id = ?";
            return Page.of(jdbc.query("SELECT " + COLUMNS + where + NEWEST_FIRST, JdbcDraftRepository::map,
                    organizationId, pageRequest.offset(), pageRequest.pageSize()),
                jdbc.count("SELECT COUNT(*)" + where, organizationId), pageRequest);
        }
        String where = " FROM drafts WHERE organization_id = ? AND status = ?";
        String wire = status.get().wireName();
        return Page.of(jdbc.query("SELECT " + COLUMNS + where + NEWEST_FIRST, JdbcDraftRepository::map, organizationId,
                wire, pageRequest.offset(), pageRequest.pageSize()),
            jdbc.count("SELECT COUNT(*)" + where, organizationId, wire), pageRequest);
    }

    @Override
    public boolean update(Draft draft, DraftStatus expected) {
        return jdbc.updateOrFail("UPDATE drafts SET status = ?, content = ?, send_at = ?, thread_id = ?, message_id = ?,"
                + " reason = ?, mailbox_id = ?, uid = ?, updated_at = ? WHERE id = ? AND organization_id = ? AND status = ?",
            draft.status().wireName(), StoredJson.write(draft.content()), Jdbc.nullableMillis(draft.sendAt()),
            draft.threadId().orElse(null), draft.messageId().orElse(null), draft.reason().orElse(null),
            draft.location().map(MailboxLocation::mailboxId).orElse(null), uid(draft),
            draft.updatedAt().toEpochMilli(), draft.id(), draft.organizationId(), expected.wireName()) == 1;
    }

    @Override
    public List<Draft> findDue(Instant now, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM drafts WHERE status = ? AND send_at <= ?"
                + " ORDER BY send_at, id OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY", JdbcDraftRepository::map,
            DraftStatus.SCHEDULED.wireName(), now.toEpochMilli(), limit);
    }

    @Override
    public boolean delete(String organizationId, String draftId) {
        return jdbc.updateOrFail("DELETE FROM drafts WHERE organization_id = ? AND id = ?", organizationId, draftId) > 0;
    }

    private static Object uid(Draft draft) {
        return draft.location().<Object>map(MailboxLocation::uid).orElse(Jdbc.NullLong.INSTANCE);
    }

    private static Draft map(ResultSet row) throws SQLException {
        String mailboxId = row.getString("mailbox_id");
        long uid = row.getLong("uid");
        Optional<MailboxLocation> location = mailboxId == null || row.wasNull() ? Optional.empty()
            : Optional.of(new MailboxLocation(mailboxId, uid));
        return new Draft(row.getString("id"), row.getString("organization_id"), row.getString("inbox_id"),
            DraftStatus.fromWireName(row.getString("status")).orElseThrow(), StoredJson.readDraft(row.getString("content")),
            Jdbc.instant(row, "send_at"), Optional.ofNullable(row.getString("thread_id")),
            Optional.ofNullable(row.getString("message_id")), Optional.ofNullable(row.getString("reason")), location,
            Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("updated_at")));
    }
}
