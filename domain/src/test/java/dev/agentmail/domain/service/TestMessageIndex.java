package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.MessageRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lookups Threading and DeliveryOutcomes make, answered as MessageRepositoryContract says, over a list. Stands in
 * until the shared in-memory MessageRepository double lands; what these services never call is refused.
 */
final class TestMessageIndex implements MessageRepository {
    private final List<StoredMessage> messages = new ArrayList<>();
    private long uids;

    /** Headers of a parsed message: those threading looks at, with a text body. */
    static MessageContent content(String rfcMessageId, String inReplyTo, List<String> references, String subject,
                                  String from, List<String> to, List<String> cc) {
        return new MessageContent(Optional.ofNullable(rfcMessageId), Optional.ofNullable(inReplyTo), references, subject,
            from, List.of(), to, cc, List.of(), Optional.of("Hello"), Optional.empty(), "Hello", Map.of(), List.of());
    }

    /** Indexes a message of organization org_1 at a new location of the inbox. */
    StoredMessage add(String inboxId, String threadId, Direction direction, MessageContent content, Instant at) {
        StoredMessage message = new StoredMessage(Ids.message(), "org_1", inboxId, threadId, direction,
            new MailboxLocation("mbx-" + inboxId, ++uids), content, Analysis.NONE, Set.of(), 100, at, at, at);
        create(message);
        return message;
    }

    @Override
    public boolean create(StoredMessage message) {
        if (messages.stream().anyMatch(stored -> stored.location().equals(message.location()))) {
            return false;
        }
        return messages.add(message);
    }

    private Stream<StoredMessage> newestFirst(String inboxId) {
        return messages.stream().filter(message -> message.inboxId().equals(inboxId))
            .sorted(Comparator.comparing(StoredMessage::timestamp).reversed());
    }

    @Override
    public Optional<StoredMessage> findByRfcMessageId(String inboxId, Direction direction, String rfcMessageId) {
        return newestFirst(inboxId).filter(message -> message.direction() == direction
            && message.content().rfcMessageId().filter(rfcMessageId::equals).isPresent()).findFirst();
    }

    @Override
    public Optional<String> threadOfRfcMessageIds(String inboxId, Collection<String> rfcMessageIds) {
        return newestFirst(inboxId).filter(message -> message.content().rfcMessageId().filter(rfcMessageIds::contains)
            .isPresent()).map(StoredMessage::threadId).findFirst();
    }

    @Override
    public Optional<String> threadReferencing(String inboxId, String rfcMessageId) {
        return newestFirst(inboxId).filter(message -> message.content().references().contains(rfcMessageId)
                || message.content().inReplyTo().filter(rfcMessageId::equals).isPresent())
            .map(StoredMessage::threadId).findFirst();
    }

    @Override
    public List<StoredMessage> recentWithSubject(String inboxId, String normalizedSubject, Instant since, int limit) {
        return newestFirst(inboxId)
            .filter(message -> Threading.normalizeSubject(message.content().subject()).equals(normalizedSubject)
                && !message.timestamp().isBefore(since))
            .limit(Math.max(1, limit)).toList();
    }

    @Override
    public Optional<StoredMessage> find(String organizationId, String inboxId, String messageId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredMessage> findByLocation(MailboxLocation location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<StoredMessage> list(String organizationId, String inboxId, MessageSearch search, PageRequest pageRequest) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredMessage> latest(String organizationId, String inboxId, Direction direction, Optional<Instant> after) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredMessage> listThread(String organizationId, String inboxId, String threadId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<String> listThreadIds(String organizationId, String inboxId, PageRequest pageRequest) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateLabels(String messageId, Set<String> labels, Instant updatedAt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(MailboxLocation location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int deleteMailbox(String mailboxId) {
        throw new UnsupportedOperationException();
    }
}
