package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.MessageContent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one column a message search reads: the searched fields lower-cased, one per line, each as its distinct words.
 * Search words hold no white space (the query is split on it), so a word never matches across two fields, and it is
 * found in a field exactly when it is found in one of the field's words: keeping each word once finds the same
 * messages, and keeps the column (written with every message) a fraction of the body's size.
 */
public final class MessageSearchText {
    /** What {@code \\s} matches, as the query is split. */
    private static final Pattern WHITE_SPACE = Pattern.compile("[ \\t\\n\\x0B\\f\\r]+");

    private MessageSearchText() {
    }

    public static String of(MessageContent content) {
        List<String> lines = new ArrayList<>();
        lines.add(content.subject());
        lines.add(content.from());
        lines.addAll(content.to());
        lines.addAll(content.cc());
        content.text().ifPresent(lines::add);
        return String.join("\n", lines.stream().map(MessageSearchText::distinctWords).toList());
    }

    private static String distinctWords(String field) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : WHITE_SPACE.split(field.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return String.join(" ", words);
    }

    /** A LIKE pattern that finds {@code word} anywhere, its own % and _ taken literally (escape character \). */
    static String containing(String word) {
        return "%" + word.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
