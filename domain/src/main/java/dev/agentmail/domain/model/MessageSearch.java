package dev.agentmail.domain.model;

import dev.agentmail.domain.error.InvalidInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Narrows a message list to the messages where every word occurs, ignoring case, in the subject, the text body, the
 * sender or a To/Cc recipient, and to one direction when given. Words are lower-cased; no words and no direction
 * means every message.
 */
public record MessageSearch(List<String> words, Optional<Direction> direction) {
    public static final int MAX_LENGTH = 500;
    public static final MessageSearch ALL = new MessageSearch(List.of(), Optional.empty());

    public MessageSearch {
        words = List.copyOf(words);
    }

    public MessageSearch(List<String> words) {
        this(words, Optional.empty());
    }

    /** The same words, only messages of this direction. */
    public MessageSearch only(Direction only) {
        return new MessageSearch(words, Optional.of(only));
    }

    /** The {@code q} request parameter: words separated by spaces; absent or blank is every message. */
    public static MessageSearch parse(String q) {
        if (q == null || q.isBlank()) {
            return ALL;
        }
        if (q.length() > MAX_LENGTH) {
            throw new InvalidInputException("q", "q must be at most " + MAX_LENGTH + " characters");
        }
        if (q.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("q", "q must not contain control characters");
        }
        return new MessageSearch(Arrays.stream(q.strip().split("\\s+"))
            .map(word -> word.toLowerCase(Locale.ROOT))
            .distinct()
            .toList());
    }

    /** The fields of a message a search reads, as the message has them; bcc, html and headers are not searched. */
    public static List<String> searchedFields(MessageContent content) {
        List<String> fields = new ArrayList<>();
        fields.add(content.subject());
        fields.add(content.from());
        fields.addAll(content.to());
        fields.addAll(content.cc());
        content.text().ifPresent(fields::add);
        return fields;
    }

    public boolean matchesAll() {
        return words.isEmpty() && direction.isEmpty();
    }
}
