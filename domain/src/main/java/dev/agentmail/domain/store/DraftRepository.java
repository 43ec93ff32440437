package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftStatus;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The drafts' projection: what each draft says and where it is, over the messages in the inboxes' Drafts folders. */
public interface DraftRepository {
    void create(Draft draft);

    Optional<Draft> find(String organizationId, String draftId);

    /** Looks across organizations: the mail server knows a draft by the id its message carries, not its owner. */
    Optional<Draft> find(String draftId);

    Optional<Draft> findByLocation(MailboxLocation location);

    /** Newest first. */
    Page<Draft> listByInbox(String organizationId, String inboxId, PageRequest pageRequest);

    /** The organization's drafts in that status (all of them without), newest first. */
    Page<Draft> list(String organizationId, Optional<DraftStatus> status, PageRequest pageRequest);

    /**
     * Stores {@code draft} if the stored one is still in {@code expected}: the one way a draft changes, so that two
     * callers (two nodes, an API call and a mail client) cannot both move it on, such as both sending it.
     *
     * @return whether it was stored
     */
    boolean update(Draft draft, DraftStatus expected);

    /** Scheduled drafts whose send time has come, the earliest first, at most {@code limit}. */
    List<Draft> findDue(Instant now, int limit);

    /** @return whether a draft of this organization was deleted */
    boolean delete(String organizationId, String draftId);
}
