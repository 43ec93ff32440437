package dev.agentmail.store.memory;

import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.StoredMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A message as {@link MemoryMessageRepository} holds it: the message (its labels replaced in place), the order it lists
 * in, and what a search reads, lower-cased on the first search rather than on every delivery.
 */
final class IndexedMessage {
    /** The backends' listing order (newest first, then by creation, then by uid), then the order of indexing. */
    static final Comparator<IndexedMessage> NEWEST_FIRST = Comparator.comparingLong(IndexedMessage::timestamp)
        .thenComparingLong(indexed -> indexed.createdAt)
        .thenComparingLong(indexed -> indexed.uid)
        .thenComparingLong(indexed -> indexed.sequence)
        .reversed();

    private final long timestamp;
    private final long createdAt;
    private final long uid;
    private final long sequence;
    private final List<String> attachmentTexts = new ArrayList<>();
    private StoredMessage message;
    private volatile List<String> searched;

    IndexedMessage(StoredMessage message, long sequence) {
        this.message = message;
        this.timestamp = message.timestamp().toEpochMilli();
        this.createdAt = message.createdAt().toEpochMilli();
        this.uid = message.location().uid();
        this.sequence = sequence;
    }

    StoredMessage message() {
        return message;
    }

    long timestamp() {
        return timestamp;
    }

    /** Under the repository's write lock. */
    void replace(StoredMessage changed) {
        message = changed;
    }

    /** Under the repository's write lock. */
    void addAttachmentText(String text) {
        attachmentTexts.add(text.toLowerCase(Locale.ROOT));
    }

    /** Every word in a searched field or an attachment's text, ignoring case. */
    boolean matches(MessageSearch search) {
        if (search.direction().isPresent() && search.direction().get() != message.direction()) {
            return false;
        }
        List<String> fields = searched();
        for (String word : search.words()) {
            if (fields.stream().noneMatch(field -> field.contains(word))
                && attachmentTexts.stream().noneMatch(text -> text.contains(word))) {
                return false;
            }
        }
        return true;
    }

    private List<String> searched() {
        List<String> fields = searched;
        if (fields == null) {
            fields = MessageSearch.searchedFields(message.content()).stream()
                .map(field -> field.toLowerCase(Locale.ROOT)).toList();
            searched = fields;
        }
        return fields;
    }
}
