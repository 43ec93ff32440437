package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageSearch;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one column a message search reads: the searched fields lower-cased, one per line, each as its distinct words.
 * Search words hold no white space (the query is split on it), so a word never matches across two fields, and it is
 * found in a field exactly when it is found in one of the field's words: keeping each word once finds the same
 * messages, and keeps the column (written with every message) a fraction of the body's size.
 */
public final class MessageSearchText {
    private MessageSearchText() {
    }

    public static String of(MessageContent content) {
        return String.join("\n", MessageSearch.searchedFields(content).stream().map(MessageSearchText::distinctWords).toList());
    }

    // A loop rather than a regex split: this runs over every delivered body, and the split was most of its cost. The
    // field is lower-cased once rather than word by word: white space is no cased letter, so no lower-casing context
    // (a final sigma) reaches across it, and the words come out the same.
    private static String distinctWords(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        Set<String> seen = new HashSet<>();
        StringBuilder words = new StringBuilder(Math.min(lower.length(), 1 << 16));
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean blank = i == lower.length() || isWhiteSpace(lower.charAt(i));
            if (blank && start >= 0) {
                String word = lower.substring(start, i);
                if (seen.add(word)) {
                    if (!words.isEmpty()) {
                        words.append(' ');
                    }
                    words.append(word);
                }
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
        return words.toString();
    }

    /** What {@code \\s} matches, as the query is split. */
    private static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** A LIKE pattern that finds {@code word} anywhere, its own % and _ taken literally (escape character \). */
    static String containing(String word) {
        return "%" + word.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
