package dev.agentmail.store.memory;

import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.service.Threading;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * One inbox's messages in the orders and by the keys the backends' indexes give: newest first, by thread (each thread
 * dated by its newest message), by RFC Message-ID, by the ids it references and by normalized subject. Used under
 * {@link MemoryMessageRepository}'s lock.
 */
final class InboxIndex {
    /** A thread in the list of threads: newest first, then by id, as the backends order it. */
    record ThreadDate(long lastTimestamp, String threadId) {
        static final Comparator<ThreadDate> NEWEST_FIRST = Comparator.comparingLong(ThreadDate::lastTimestamp)
            .thenComparing(ThreadDate::threadId)
            .reversed();
    }

    private static final NavigableSet<IndexedMessage> NONE = Collections.unmodifiableNavigableSet(
        new TreeSet<>(IndexedMessage.NEWEST_FIRST));

    private final String organizationId;
    private final NavigableSet<IndexedMessage> newestFirst = new TreeSet<>(IndexedMessage.NEWEST_FIRST);
    private final Map<String, NavigableSet<IndexedMessage>> threads = new HashMap<>();
    private final NavigableSet<ThreadDate> threadsNewestFirst = new TreeSet<>(ThreadDate.NEWEST_FIRST);
    private final Map<String, NavigableSet<IndexedMessage>> byRfcId = new HashMap<>();
    private final Map<String, NavigableSet<IndexedMessage>> referencing = new HashMap<>();
    private final Map<String, NavigableSet<IndexedMessage>> bySubject = new HashMap<>();

    InboxIndex(String organizationId) {
        this.organizationId = organizationId;
    }

    String organizationId() {
        return organizationId;
    }

    int size() {
        return newestFirst.size();
    }

    int threadCount() {
        return threads.size();
    }

    NavigableSet<IndexedMessage> newestFirst() {
        return newestFirst;
    }

    NavigableSet<ThreadDate> threadsNewestFirst() {
        return threadsNewestFirst;
    }

    NavigableSet<IndexedMessage> thread(String threadId) {
        return threads.getOrDefault(threadId, NONE);
    }

    NavigableSet<IndexedMessage> withRfcId(String rfcMessageId) {
        return byRfcId.getOrDefault(rfcMessageId, NONE);
    }

    NavigableSet<IndexedMessage> referencing(String rfcMessageId) {
        return referencing.getOrDefault(rfcMessageId, NONE);
    }

    NavigableSet<IndexedMessage> withSubject(String normalizedSubject) {
        return bySubject.getOrDefault(normalizedSubject, NONE);
    }

    void add(IndexedMessage indexed) {
        newestFirst.add(indexed);
        String threadId = indexed.message().threadId();
        NavigableSet<IndexedMessage> thread = threads.get(threadId);
        if (thread == null) {
            thread = new TreeSet<>(IndexedMessage.NEWEST_FIRST);
            threads.put(threadId, thread);
        } else {
            threadsNewestFirst.remove(dateOf(threadId, thread));
        }
        thread.add(indexed);
        threadsNewestFirst.add(dateOf(threadId, thread));
        MessageContent content = indexed.message().content();
        content.rfcMessageId().ifPresent(rfcId -> put(byRfcId, rfcId, indexed));
        referencedBy(content).forEach(rfcId -> put(referencing, rfcId, indexed));
        put(bySubject, Threading.normalizeSubject(content.subject()), indexed);
    }

    void remove(IndexedMessage indexed) {
        newestFirst.remove(indexed);
        String threadId = indexed.message().threadId();
        NavigableSet<IndexedMessage> thread = threads.get(threadId);
        threadsNewestFirst.remove(dateOf(threadId, thread));
        thread.remove(indexed);
        if (thread.isEmpty()) {
            threads.remove(threadId);
        } else {
            threadsNewestFirst.add(dateOf(threadId, thread));
        }
        MessageContent content = indexed.message().content();
        content.rfcMessageId().ifPresent(rfcId -> take(byRfcId, rfcId, indexed));
        referencedBy(content).forEach(rfcId -> take(referencing, rfcId, indexed));
        take(bySubject, Threading.normalizeSubject(content.subject()), indexed);
    }

    private static ThreadDate dateOf(String threadId, NavigableSet<IndexedMessage> thread) {
        return new ThreadDate(thread.first().timestamp(), threadId);
    }

    private static Set<String> referencedBy(MessageContent content) {
        Set<String> referenced = new LinkedHashSet<>(content.references());
        content.inReplyTo().ifPresent(referenced::add);
        return referenced;
    }

    private static void put(Map<String, NavigableSet<IndexedMessage>> index, String key, IndexedMessage indexed) {
        index.computeIfAbsent(key, k -> new TreeSet<>(IndexedMessage.NEWEST_FIRST)).add(indexed);
    }

    private static void take(Map<String, NavigableSet<IndexedMessage>> index, String key, IndexedMessage indexed) {
        NavigableSet<IndexedMessage> messages = index.get(key);
        if (messages != null && messages.remove(indexed) && messages.isEmpty()) {
            index.remove(key);
        }
    }
}
