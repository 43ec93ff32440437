package dev.agentmail.store.memory;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.MessageRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The message index of the memory profile, kept in the heap beside James's in-memory mailbox: every delivery adds to a
 * few maps and sorted sets instead of running SQL and encoding the message, and every lookup the backends answer
 * from an index is answered from one here (see {@link InboxIndex}). A search reads each message of the inbox, as the
 * backends' LIKE does. Timestamps are kept to the millisecond, as the backends store them.
 */
public final class MemoryMessageRepository implements MessageRepository {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, IndexedMessage> byId = new HashMap<>();
    private final Map<MailboxLocation, IndexedMessage> byLocation = new HashMap<>();
    private final Map<String, Set<IndexedMessage>> byMailbox = new HashMap<>();
    private final Map<String, InboxIndex> inboxes = new HashMap<>();
    private long sequence;

    @Override
    public boolean create(StoredMessage message) {
        return write(() -> {
            if (byId.containsKey(message.id()) || byLocation.containsKey(message.location())) {
                return false;
            }
            InboxIndex inbox = inboxes.computeIfAbsent(message.inboxId(), id -> new InboxIndex(message.organizationId()));
            if (!inbox.organizationId().equals(message.organizationId())) {
                throw new IllegalArgumentException("inbox " + message.inboxId() + " belongs to another organization");
            }
            IndexedMessage indexed = new IndexedMessage(toMillis(message), sequence++);
            byId.put(message.id(), indexed);
            byLocation.put(message.location(), indexed);
            byMailbox.computeIfAbsent(message.location().mailboxId(), id -> new HashSet<>()).add(indexed);
            inbox.add(indexed);
            return true;
        });
    }

    @Override
    public Optional<StoredMessage> find(String organizationId, String inboxId, String messageId) {
        return read(() -> Optional.ofNullable(byId.get(messageId)).map(IndexedMessage::message)
            .filter(message -> message.organizationId().equals(organizationId) && message.inboxId().equals(inboxId)));
    }

    @Override
    public Optional<StoredMessage> findByLocation(MailboxLocation location) {
        return read(() -> Optional.ofNullable(byLocation.get(location)).map(IndexedMessage::message));
    }

    @Override
    public Optional<StoredMessage> findByRfcMessageId(String inboxId, Direction direction, String rfcMessageId) {
        return read(() -> inbox(inboxId)
            .flatMap(inbox -> inbox.withRfcId(rfcMessageId).stream().filter(indexed -> indexed.message().direction() == direction)
                .findFirst())
            .map(IndexedMessage::message));
    }

    @Override
    public Page<StoredMessage> list(String organizationId, String inboxId, MessageSearch search, PageRequest pageRequest) {
        return read(() -> {
            Optional<InboxIndex> inbox = inbox(organizationId, inboxId);
            if (inbox.isEmpty()) {
                return Page.of(List.of(), 0, pageRequest);
            }
            if (search.matchesAll()) {
                return page(inbox.get().newestFirst(), inbox.get().size(), pageRequest).map(IndexedMessage::message);
            }
            List<StoredMessage> data = new ArrayList<>();
            long total = 0;
            for (IndexedMessage indexed : inbox.get().newestFirst()) {
                if (indexed.matches(search)) {
                    if (total >= pageRequest.offset() && data.size() < pageRequest.pageSize()) {
                        data.add(indexed.message());
                    }
                    total++;
                }
            }
            return Page.of(data, total, pageRequest);
        });
    }

    @Override
    public Optional<StoredMessage> latest(String organizationId, String inboxId, Direction direction, Optional<Instant> after) {
        long afterMillis = after.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        return read(() -> {
            Iterable<IndexedMessage> newestFirst = inbox(organizationId, inboxId).<Iterable<IndexedMessage>>map(InboxIndex::newestFirst)
                .orElse(List.of());
            for (IndexedMessage indexed : newestFirst) {
                if (indexed.timestamp() <= afterMillis) {
                    return Optional.<StoredMessage>empty();
                }
                if (indexed.message().direction() == direction) {
                    return Optional.of(indexed.message());
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public List<StoredMessage> listThread(String organizationId, String inboxId, String threadId) {
        return read(() -> inbox(organizationId, inboxId)
            .map(inbox -> inbox.thread(threadId).descendingSet().stream().map(IndexedMessage::message).toList())
            .orElse(List.of()));
    }

    @Override
    public Page<String> listThreadIds(String organizationId, String inboxId, PageRequest pageRequest) {
        return read(() -> inbox(organizationId, inboxId)
            .map(inbox -> page(inbox.threadsNewestFirst(), inbox.threadCount(), pageRequest).map(InboxIndex.ThreadDate::threadId))
            .orElse(Page.of(List.of(), 0, pageRequest)));
    }

    @Override
    public Optional<String> threadOfRfcMessageIds(String inboxId, Collection<String> rfcMessageIds) {
        return read(() -> inbox(inboxId).flatMap(inbox -> rfcMessageIds.stream()
                .map(rfcId -> inbox.withRfcId(rfcId).stream().findFirst())
                .flatMap(Optional::stream)
                .min(IndexedMessage.NEWEST_FIRST))
            .map(indexed -> indexed.message().threadId()));
    }

    @Override
    public Optional<String> threadReferencing(String inboxId, String rfcMessageId) {
        return read(() -> inbox(inboxId).flatMap(inbox -> inbox.referencing(rfcMessageId).stream().findFirst())
            .map(indexed -> indexed.message().threadId()));
    }

    @Override
    public List<StoredMessage> recentWithSubject(String inboxId, String normalizedSubject, Instant since, int limit) {
        long sinceMillis = since.toEpochMilli();
        return read(() -> inbox(inboxId).map(inbox -> inbox.withSubject(normalizedSubject).stream()
                .takeWhile(indexed -> indexed.timestamp() >= sinceMillis)
                .limit(Math.max(1, limit))
                .map(IndexedMessage::message)
                .toList())
            .orElse(List.of()));
    }

    @Override
    public void updateLabels(String messageId, Set<String> labels, Instant updatedAt) {
        write(() -> {
            IndexedMessage indexed = byId.get(messageId);
            if (indexed != null) {
                indexed.replace(indexed.message().withLabels(labels, Instant.ofEpochMilli(updatedAt.toEpochMilli())));
            }
            return null;
        });
    }

    @Override
    public boolean delete(MailboxLocation location) {
        return write(() -> {
            IndexedMessage indexed = byLocation.get(location);
            if (indexed == null) {
                return false;
            }
            forget(indexed);
            Set<IndexedMessage> ofMailbox = byMailbox.get(location.mailboxId());
            ofMailbox.remove(indexed);
            if (ofMailbox.isEmpty()) {
                byMailbox.remove(location.mailboxId());
            }
            return true;
        });
    }

    @Override
    public int deleteMailbox(String mailboxId) {
        return write(() -> {
            Set<IndexedMessage> ofMailbox = byMailbox.remove(mailboxId);
            if (ofMailbox == null) {
                return 0;
            }
            ofMailbox.forEach(this::forget);
            return ofMailbox.size();
        });
    }

    /** Text read from one of a message's attachments, searched with it from now on. */
    void addAttachmentText(String organizationId, String messageId, String text) {
        write(() -> {
            IndexedMessage indexed = byId.get(messageId);
            if (indexed != null && indexed.message().organizationId().equals(organizationId)) {
                indexed.addAttachmentText(text);
            }
            return null;
        });
    }

    private void forget(IndexedMessage indexed) {
        StoredMessage message = indexed.message();
        byId.remove(message.id());
        byLocation.remove(message.location());
        InboxIndex inbox = inboxes.get(message.inboxId());
        inbox.remove(indexed);
        if (inbox.size() == 0) {
            inboxes.remove(message.inboxId());
        }
    }

    private Optional<InboxIndex> inbox(String inboxId) {
        return Optional.ofNullable(inboxes.get(inboxId));
    }

    private Optional<InboxIndex> inbox(String organizationId, String inboxId) {
        return inbox(inboxId).filter(inbox -> inbox.organizationId().equals(organizationId));
    }

    /** Skips to the page's offset, as the backends' OFFSET does. */
    private static <T> Page<T> page(Iterable<T> sorted, long total, PageRequest request) {
        List<T> data = new ArrayList<>(request.pageSize());
        Iterator<T> items = sorted.iterator();
        for (long skipped = 0; skipped < request.offset() && items.hasNext(); skipped++) {
            items.next();
        }
        while (data.size() < request.pageSize() && items.hasNext()) {
            data.add(items.next());
        }
        return Page.of(data, total, request);
    }

    private static StoredMessage toMillis(StoredMessage message) {
        return new StoredMessage(message.id(), message.organizationId(), message.inboxId(), message.threadId(),
            message.direction(), message.location(), message.content(), message.analysis(), message.labels(),
            message.size(), millis(message.timestamp()), millis(message.createdAt()), millis(message.updatedAt()));
    }

    private static Instant millis(Instant instant) {
        return Instant.ofEpochMilli(instant.toEpochMilli());
    }

    private <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
