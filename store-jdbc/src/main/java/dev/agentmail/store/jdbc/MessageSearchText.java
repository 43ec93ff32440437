package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageSearch;

import java.util.Locale;

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
    // (a final sigma) reaches across it, and the words come out the same. Words are told apart by where they are in
    // it, so a word seen before costs no string of its own.
    private static String distinctWords(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        Words seen = new Words(lower);
        StringBuilder words = new StringBuilder(Math.min(lower.length(), 1 << 16));
        int start = -1;
        int hash = 0;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i == lower.length() ? ' ' : lower.charAt(i);
            if (!isWhiteSpace(c)) {
                if (start < 0) {
                    start = i;
                    hash = 0;
                }
                hash = 31 * hash + c;
            } else if (start >= 0) {
                if (seen.add(start, i, hash)) {
                    if (!words.isEmpty()) {
                        words.append(' ');
                    }
                    words.append(lower, start, i);
                }
                start = -1;
            }
        }
        return words.toString();
    }

    /** A set of the words of one text, each held as its start and end in it (open addressing, linear probing). */
    private static final class Words {
        private final String text;
        private int[] starts = new int[64];
        /** 0 marks a free slot: a word ends after its first character. */
        private int[] ends = new int[64];
        private int[] hashes = new int[64];
        private int size;

        Words(String text) {
            this.text = text;
        }

        /** @return whether the word from start to end was not in the set */
        boolean add(int start, int end, int hash) {
            int mask = starts.length - 1;
            int slot = mix(hash) & mask;
            for (; ends[slot] != 0; slot = (slot + 1) & mask) {
                if (hashes[slot] == hash && ends[slot] - starts[slot] == end - start
                    && text.regionMatches(starts[slot], text, start, end - start)) {
                    return false;
                }
            }
            put(slot, start, end, hash);
            if (++size * 2 > starts.length) {
                grow();
            }
            return true;
        }

        private void grow() {
            int[] oldStarts = starts;
            int[] oldEnds = ends;
            int[] oldHashes = hashes;
            starts = new int[oldStarts.length * 2];
            ends = new int[oldEnds.length * 2];
            hashes = new int[oldHashes.length * 2];
            int mask = starts.length - 1;
            for (int i = 0; i < oldStarts.length; i++) {
                if (oldEnds[i] != 0) {
                    int slot = mix(oldHashes[i]) & mask;
                    while (ends[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    put(slot, oldStarts[i], oldEnds[i], oldHashes[i]);
                }
            }
        }

        private void put(int slot, int start, int end, int hash) {
            starts[slot] = start;
            ends[slot] = end;
            hashes[slot] = hash;
        }

        private static int mix(int hash) {
            return hash ^ (hash >>> 16);
        }
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
