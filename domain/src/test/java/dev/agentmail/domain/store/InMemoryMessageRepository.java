package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.service.Threading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A test double that obeys {@link MessageRepositoryContract}, for tests of the services: the same lookups, search,
 * threads and paging as the backends, over the messages held in a map.
 */
public class InMemoryMessageRepository implements MessageRepository {
    /** The listing order of the backends: newest first, ties broken by creation, then by mailbox uid. */
    private static final Comparator<StoredMessage> NEWEST_FIRST = Comparator.comparing(StoredMessage::timestamp)
        .thenComparing(StoredMessage::createdAt)
        .thenComparingLong(message -> message.location().uid())
        .reversed();

    private final Map<String, StoredMessage> messages = new LinkedHashMap<>();
    private final Map<MailboxLocation, String> idsByLocation = new HashMap<>();
    private final Map<String, List<String>> attachmentTexts = new HashMap<>();

    @Override
    public synchronized boolean create(StoredMessage message) {
        if (messages.containsKey(message.id()) || idsByLocation.containsKey(message.location())) {
            return false;
        }
        messages.put(message.id(), message);
        idsByLocation.put(message.location(), message.id());
        return true;
    }

    @Override
    public synchronized Optional<StoredMessage> find(String organizationId, String inboxId, String messageId) {
        return Optional.ofNullable(messages.get(messageId))
            .filter(message -> message.organizationId().equals(organizationId) && message.inboxId().equals(inboxId));
    }

    @Override
    public synchronized Optional<StoredMessage> findByLocation(MailboxLocation location) {
        return Optional.ofNullable(idsByLocation.get(location)).map(messages::get);
    }

    @Override
    public synchronized Optional<StoredMessage> findByRfcMessageId(String inboxId, Direction direction, String rfcMessageId) {
        return newest(ofInbox(inboxId)
            .filter(message -> message.direction() == direction)
            .filter(message -> message.content().rfcMessageId().filter(rfcMessageId::equals).isPresent()));
    }

    @Override
    public synchronized Page<StoredMessage> list(String organizationId, String inboxId, MessageSearch search,
                                                 PageRequest pageRequest) {
        return InMemoryPaging.page(ofInbox(organizationId, inboxId).filter(matching(search)).sorted(NEWEST_FIRST).toList(),
            pageRequest);
    }

    /** Text read from a message's attachments, searched with it ({@link InMemoryAttachmentTextRepository}). */
    synchronized void addAttachmentText(String messageId, String text) {
        attachmentTexts.computeIfAbsent(messageId, id -> new ArrayList<>()).add(text.toLowerCase(Locale.ROOT));
    }

    /**
     * Every word somewhere in one of the searched fields or attachment texts, ignoring case; bcc, html and headers
     * are not searched.
     */
    private Predicate<StoredMessage> matching(MessageSearch search) {
        return message -> {
            List<String> fields = new ArrayList<>(searched(message.content()));
            fields.addAll(attachmentTexts.getOrDefault(message.id(), List.of()));
            return search.direction().map(message.direction()::equals).orElse(true)
                && search.words().stream().allMatch(word -> fields.stream().anyMatch(field -> field.contains(word)));
        };
    }

    private static List<String> searched(MessageContent content) {
        return MessageSearch.searchedFields(content).stream().map(field -> field.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public synchronized Optional<StoredMessage> latest(String organizationId, String inboxId, Direction direction,
                                                       Optional<Instant> after) {
        return newest(ofInbox(organizationId, inboxId)
            .filter(message -> message.direction() == direction)
            .filter(message -> after.map(message.timestamp()::isAfter).orElse(true)));
    }

    @Override
    public synchronized List<StoredMessage> listThread(String organizationId, String inboxId, String threadId) {
        return ofInbox(organizationId, inboxId)
            .filter(message -> message.threadId().equals(threadId))
            .sorted(NEWEST_FIRST.reversed())
            .toList();
    }

    @Override
    public synchronized Page<String> listThreadIds(String organizationId, String inboxId, PageRequest pageRequest) {
        Map<String, Instant> lastMessageAt = ofInbox(organizationId, inboxId)
            .collect(Collectors.toMap(StoredMessage::threadId, StoredMessage::timestamp,
                (one, other) -> one.isAfter(other) ? one : other));
        return InMemoryPaging.page(lastMessageAt.keySet().stream()
            .sorted(Comparator.comparing((String thread) -> lastMessageAt.get(thread))
                .thenComparing(Comparator.naturalOrder()).reversed())
            .toList(), pageRequest);
    }

    @Override
    public synchronized Optional<String> threadOfRfcMessageIds(String inboxId, Collection<String> rfcMessageIds) {
        Set<String> ids = Set.copyOf(rfcMessageIds);
        return newest(ofInbox(inboxId).filter(message -> message.content().rfcMessageId().filter(ids::contains).isPresent()))
            .map(StoredMessage::threadId);
    }

    @Override
    public synchronized Optional<String> threadReferencing(String inboxId, String rfcMessageId) {
        return newest(ofInbox(inboxId).filter(message -> message.content().references().contains(rfcMessageId)
            || message.content().inReplyTo().filter(rfcMessageId::equals).isPresent()))
            .map(StoredMessage::threadId);
    }

    @Override
    public synchronized List<StoredMessage> recentWithSubject(String inboxId, String normalizedSubject, Instant since,
                                                              int limit) {
        return ofInbox(inboxId)
            .filter(message -> !message.timestamp().isBefore(since))
            .filter(message -> Threading.normalizeSubject(message.content().subject()).equals(normalizedSubject))
            .sorted(NEWEST_FIRST)
            .limit(Math.max(1, limit))
            .toList();
    }

    @Override
    public synchronized void updateLabels(String messageId, Set<String> labels, Instant updatedAt) {
        messages.computeIfPresent(messageId, (id, message) -> message.withLabels(labels, updatedAt));
    }

    @Override
    public synchronized boolean delete(MailboxLocation location) {
        String id = idsByLocation.remove(location);
        return id != null && messages.remove(id) != null;
    }

    @Override
    public synchronized int deleteMailbox(String mailboxId) {
        List<MailboxLocation> locations = idsByLocation.keySet().stream()
            .filter(location -> location.mailboxId().equals(mailboxId))
            .toList();
        locations.forEach(this::delete);
        return locations.size();
    }

    private Stream<StoredMessage> ofInbox(String inboxId) {
        return messages.values().stream().filter(message -> message.inboxId().equals(inboxId));
    }

    private Stream<StoredMessage> ofInbox(String organizationId, String inboxId) {
        return ofInbox(inboxId).filter(message -> message.organizationId().equals(organizationId));
    }

    private static Optional<StoredMessage> newest(Stream<StoredMessage> messages) {
        return messages.min(NEWEST_FIRST);
    }
}
