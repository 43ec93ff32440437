package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.MessageContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one column a message search reads: the searched fields lower-cased, one per line. Search words hold no line
 * break, so a word never matches across two fields.
 */
public final class MessageSearchText {
    private MessageSearchText() {
    }

    public static String of(MessageContent content) {
        List<String> lines = new ArrayList<>();
        lines.add(content.subject());
        lines.add(content.from());
        lines.addAll(content.to());
        lines.addAll(content.cc());
        content.text().ifPresent(lines::add);
        return String.join("\n", lines).toLowerCase(Locale.ROOT);
    }

    /** A LIKE pattern that finds {@code word} anywhere, its own % and _ taken literally (escape character \). */
    static String containing(String word) {
        return "%" + word.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
