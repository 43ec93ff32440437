package dev.agentmail.extraction;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelledLinesTest {
    @Test
    void aLineWithoutLabelWordsHoldsNone() {
        LabelledLines lines = new LabelledLines(List.of("The quick brown fox 0123456789", "jumps over the dog 42"));

        assertThat(lines.mayHoldLabels(0, 1)).isFalse();
        assertThat(lines.mayHoldLabels(1, 1)).isFalse();
    }

    @Test
    void aLabelWordCountsOnlyInsideTheLinesAsked() {
        LabelledLines lines = new LabelledLines(List.of("Your Code", "is below", "482913"));

        assertThat(lines.mayHoldLabels(0, 1)).isTrue();
        assertThat(lines.mayHoldLabels(1, 2)).isFalse();
        assertThat(lines.mayHoldLabels(2, 2)).isFalse();
    }

    @Test
    void aLabelWordSplitAcrossTwoLinesIsFoundInBothTogether() {
        // "one time" is a label only as two words; neither line holds it alone.
        LabelledLines lines = new LabelledLines(List.of("Use this one", "time 482913"));

        assertThat(lines.mayHoldLabels(0, 0)).isFalse();
        assertThat(lines.mayHoldLabels(1, 1)).isFalse();
        assertThat(lines.mayHoldLabels(0, 1)).isTrue();
    }

    @Test
    void aLabelWordRunningIntoTheNextLineDoesNotCount() {
        LabelledLines lines = new LabelledLines(List.of("Your one", "time 482913", "and more"));

        assertThat(lines.mayHoldLabels(1, 2)).isFalse();
    }

    @Test
    void linesWhoseLowerCaseChangesLengthAreAlwaysRead() {
        // "İ" lower-cases to two characters, so offsets into the joined text would not match the lines'.
        LabelledLines lines = new LabelledLines(List.of("İstanbul 0123456789"));

        assertThat(lines.mayHoldLabels(0, 0)).isTrue();
        assertThat(lines.lower(0)).isEqualTo(Vocabulary.lower("İstanbul 0123456789"));
    }
}
