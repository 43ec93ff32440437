package dev.agentmail.store.opensearch;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.store.cassandra.CassandraMessageStore;

import javax.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The message index of the distributed profile: Cassandra holds the messages and answers every lookup by a key, the
 * OpenSearch index orders, counts and searches; a page's ids from the index are read back from Cassandra.
 *
 * <p>Cassandra is written first and the index after, each write visible on return. A failure in between leaves a
 * message that is found but not listed (create) or a listed id whose message is gone, which a page leaves out
 * (delete); indexing or deleting it again puts both in step.
 */
public class DistributedMessageRepository implements MessageRepository {
    private final CassandraMessageStore messages;
    private final OpenSearchMessageIndex index;

    @Inject
    public DistributedMessageRepository(CassandraMessageStore messages, OpenSearchMessageIndex index) {
        this.messages = messages;
        this.index = index;
    }

    @Override
    public boolean create(StoredMessage message) {
        if (!messages.create(message)) {
            return false;
        }
        index.index(message);
        return true;
    }

    /** A crash between the Cassandra write and the index write leaves a message stored but not listed. */
    @Override
    public void ensureListed(StoredMessage message) {
        if (!index.contains(message)) {
            index.index(message);
        }
    }

    @Override
    public Optional<StoredMessage> find(String organizationId, String inboxId, String messageId) {
        return messages.find(messageId)
            .filter(message -> message.organizationId().equals(organizationId) && message.inboxId().equals(inboxId));
    }

    @Override
    public Optional<StoredMessage> findByLocation(MailboxLocation location) {
        return messages.findByLocation(location);
    }

    @Override
    public Optional<StoredMessage> findByRfcMessageId(String inboxId, Direction direction, String rfcMessageId) {
        return messages.findByRfcMessageId(inboxId, direction, rfcMessageId);
    }

    @Override
    public Page<StoredMessage> list(String organizationId, String inboxId, MessageSearch search, PageRequest pageRequest) {
        Page<String> ids = index.messageIds(organizationId, inboxId, search, pageRequest);
        return Page.of(messages.findAll(ids.data()), ids.total(), pageRequest);
    }

    @Override
    public Optional<StoredMessage> latest(String organizationId, String inboxId, Direction direction, Optional<Instant> after) {
        return messages.latest(inboxId, direction, after).filter(message -> message.organizationId().equals(organizationId));
    }

    @Override
    public List<StoredMessage> listThread(String organizationId, String inboxId, String threadId) {
        return messages.thread(inboxId, threadId).stream()
            .filter(message -> message.organizationId().equals(organizationId))
            .toList();
    }

    @Override
    public Page<String> listThreadIds(String organizationId, String inboxId, PageRequest pageRequest) {
        return index.threadIds(organizationId, inboxId, pageRequest);
    }

    @Override
    public Optional<String> threadOfRfcMessageIds(String inboxId, Collection<String> rfcMessageIds) {
        return messages.threadOfRfcMessageIds(inboxId, rfcMessageIds);
    }

    @Override
    public Optional<String> threadReferencing(String inboxId, String rfcMessageId) {
        return messages.threadReferencing(inboxId, rfcMessageId);
    }

    @Override
    public List<StoredMessage> recentWithSubject(String inboxId, String normalizedSubject, Instant since, int limit) {
        return messages.recentWithSubject(inboxId, normalizedSubject, since, limit);
    }

    @Override
    public void updateLabels(String messageId, Set<String> labels, Instant updatedAt) {
        Optional<StoredMessage> message = messages.find(messageId);
        if (message.isPresent() && messages.updateLabels(messageId, labels, updatedAt)) {
            index.updateLabels(message.get(), labels);
        }
    }

    @Override
    public boolean delete(MailboxLocation location) {
        Optional<StoredMessage> removed = messages.delete(location);
        removed.ifPresent(message -> index.delete(List.of(message)));
        return removed.isPresent();
    }

    @Override
    public int deleteMailbox(String mailboxId) {
        List<StoredMessage> removed = messages.deleteMailbox(mailboxId);
        index.delete(removed);
        return removed.size();
    }
}
