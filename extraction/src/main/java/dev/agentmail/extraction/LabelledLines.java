package dev.agentmail.extraction;

import dev.agentmail.extraction.Vocabulary.Label;

import java.util.List;

/**
 * The lines of one rendering of a mail, each lower-cased once, with the label words of all of them found in one
 * pass over the lines joined by spaces, as a sentence joins a line to the one before. The code finder reads every
 * line that holds a digit as a sentence of its own and of the line before; most such sentences hold no label word,
 * and this tells so without lower-casing and scanning both lines again (that was 6 % of the memory server's CPU
 * under ingest).
 */
final class LabelledLines {
    private final List<String> lines;
    private final String[] lower;
    /** Where each line starts in the joined text, or null when lower-casing changed a length and offsets would lie. */
    private final int[] starts;
    private final List<Label> labels;

    LabelledLines(List<String> lines) {
        this.lines = lines;
        this.lower = new String[lines.size()];
        int[] lineStarts = new int[lines.size()];
        StringBuilder joined = new StringBuilder();
        boolean sameLengths = true;
        for (int i = 0; i < lower.length; i++) {
            lower[i] = Vocabulary.lower(lines.get(i));
            sameLengths &= lower[i].length() == lines.get(i).length();
            if (i > 0) {
                joined.append(' ');
            }
            lineStarts[i] = joined.length();
            joined.append(lower[i]);
        }
        this.starts = sameLengths ? lineStarts : null;
        this.labels = sameLengths ? Vocabulary.everyLabel(joined.toString()) : List.of();
    }

    int size() {
        return lines.size();
    }

    String line(int index) {
        return lines.get(index);
    }

    String lower(int index) {
        return lower[index];
    }

    /** Whether the lines from {@code first} to {@code last}, joined by spaces, may hold a label word. */
    boolean mayHoldLabels(int first, int last) {
        if (starts == null) {
            return true;
        }
        int from = starts[first];
        int to = starts[last] + lower[last].length();
        for (int i = firstStartingAt(from); i < labels.size() && labels.get(i).start() < to; i++) {
            if (labels.get(i).end() <= to) {
                return true;
            }
        }
        return false;
    }

    /** The first label starting at or after the offset; labels are in the order they start. */
    private int firstStartingAt(int offset) {
        int low = 0;
        int high = labels.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (labels.get(middle).start() < offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
