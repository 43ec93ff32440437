package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The message index: a projection of the inboxes' mailboxes, kept in step by a mailbox listener. */
public interface MessageRepository {
    /** Idempotent per location: indexing a message twice keeps the first entry. */
    /** @return false when a message of the same mailbox location was indexed already, and this one was not stored */
    boolean create(StoredMessage message);

    /**
     * {@link #create} for a message whose thread id was just minted, so that no entry is in its thread yet: a store
     * that keeps a row per thread can insert it without looking for it first.
     */
    default boolean createStartingThread(StoredMessage message) {
        return create(message);
    }

    Optional<StoredMessage> find(String organizationId, String inboxId, String messageId);

    Optional<StoredMessage> findByLocation(MailboxLocation location);

    /** The newest message of the inbox and direction with this Message-ID (angle brackets included). */
    Optional<StoredMessage> findByRfcMessageId(String inboxId, Direction direction, String rfcMessageId);

    /** Newest first. */
    default Page<StoredMessage> list(String organizationId, String inboxId, PageRequest pageRequest) {
        return list(organizationId, inboxId, MessageSearch.ALL, pageRequest);
    }

    /** The messages that match {@code search}, newest first; the total counts those only. */
    Page<StoredMessage> list(String organizationId, String inboxId, MessageSearch search, PageRequest pageRequest);

    /** The newest message of this direction in the inbox, newer than {@code after} when given. */
    Optional<StoredMessage> latest(String organizationId, String inboxId, Direction direction, Optional<Instant> after);

    /** Oldest first. */
    List<StoredMessage> listThread(String organizationId, String inboxId, String threadId);

    /** Thread ids, the one with the most recent message first. */
    Page<String> listThreadIds(String organizationId, String inboxId, PageRequest pageRequest);

    /** The thread of a message of this inbox whose Message-ID is one of {@code rfcMessageIds}, if any. */
    Optional<String> threadOfRfcMessageIds(String inboxId, Collection<String> rfcMessageIds);

    /** The thread of a message of this inbox that names {@code rfcMessageId} in its In-Reply-To or References. */
    Optional<String> threadReferencing(String inboxId, String rfcMessageId);

    /** Recent messages of this inbox with this normalized subject, newest first, at most {@code limit}. */
    List<StoredMessage> recentWithSubject(String inboxId, String normalizedSubject, Instant since, int limit);

    void updateLabels(String messageId, Set<String> labels, Instant updatedAt);

    /** @return whether an entry was removed */
    boolean delete(MailboxLocation location);

    /** Forgets every message of a mailbox that was deleted. */
    int deleteMailbox(String mailboxId);

    /**
     * Makes sure a stored message is listed too, where storing and listing are separate writes that a crash can
     * split; a no-op where they are one.
     */
    default void ensureListed(StoredMessage message) {
    }
}
