package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LabelsTest {
    /** What IMAP (RFC 3501) allows in an atom: no specials, no controls, no space, ASCII only. */
    private static final String ATOM = "[\\x21\\x23-\\x24\\x26-\\x27\\x2B-\\x5A\\x5E-\\x7A\\x7C\\x7E]+";

    private static InvalidInputException refused(List<String> labels) {
        InvalidInputException refusal = catchThrowableOfType(() -> Labels.validate("labels", labels),
            InvalidInputException.class);
        assertThat(refusal).as("refusal of " + labels).isNotNull();
        return refusal;
    }

    @Test
    void validLabelsAreStrippedAndRepeatsDroppedInTheOrderGiven() {
        assertThat(Labels.validate("labels", List.of(" important ", "follow-up", "important", "à faire")))
            .containsExactly("important", "follow-up", "à faire");
        assertThat(Labels.validate("labels", List.of())).isEmpty();
    }

    @Test
    void labelsAreRequired() {
        assertThat(refused(null).field()).contains("labels");
        assertThat(refused(null)).hasMessage("labels is required");
    }

    @Test
    void atMostFiftyLabelsOfAtMostAHundredCharacters() {
        List<String> fifty = IntStream.rangeClosed(1, Labels.MAX_LABELS).mapToObj(i -> "l" + i).toList();
        assertThat(Labels.validate("labels", fifty)).hasSize(50);
        List<String> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add("one-more");
        assertThat(refused(fiftyOne)).hasMessageContaining("at most 50 labels");

        assertThat(Labels.validate("labels", List.of("x".repeat(Labels.MAX_LENGTH)))).hasSize(1);
        assertThat(refused(List.of("x".repeat(Labels.MAX_LENGTH + 1)))).hasMessageContaining("at most 100 characters");
    }

    @Test
    void emptyBlankOrMissingLabelsAreRefused() {
        assertThat(refused(List.of("ok", "")).field()).contains("labels");
        assertThat(refused(List.of("  "))).hasMessage("labels must not be empty");
        assertThat(refused(Arrays.asList("ok", null))).hasMessage("labels must not be empty");
    }

    @Test
    void controlCharactersAreRefused() {
        assertThat(refused(List.of("bad\r\nlabel"))).hasMessageContaining("control characters");
        assertThat(refused(List.of("tab\there"))).hasMessageContaining("control characters");
    }

    @Test
    void theErrorNamesTheFieldItWasGiven() {
        assertThatThrownBy(() -> Labels.validate("add_labels", Collections.singletonList(null)))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("add_labels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"important", "follow-up", "Project_X", "a.b:c@d#e&f+g=h!i?j~k|m^n", "2025"})
    void aLabelThatIsAnAtomIsItsOwnKeyword(String label) {
        assertThat(Labels.toKeyword(label)).isEqualTo(label).matches(ATOM);
        assertThat(Labels.fromKeyword(label)).contains(label);
    }

    @ParameterizedTest
    @ValueSource(strings = {"à faire", "two words", "(parens)", "quote\"d", "back\\slash", "50%", "{literal}",
        "[brackets]", "wild*card", "$L.looks-encoded", "$Forwarded", "\\Seen", "emoji 🎉"})
    void anyOtherLabelIsEncodedAsAnAtomAndDecodedBack(String label) {
        String keyword = Labels.toKeyword(label);

        assertThat(keyword).startsWith("$L.").matches(ATOM);
        assertThat(Labels.fromKeyword(keyword)).contains(label);
    }

    @Test
    void theLongestLabelOfTheWidestCharactersStillMakesOneKeyword() {
        String label = "🎉".repeat(Labels.MAX_LENGTH / 2);
        assertThat(Labels.validate("labels", List.of(label))).containsExactly(label);

        assertThat(Labels.fromKeyword(Labels.toKeyword(label))).contains(label);
    }

    @Test
    void theEncodingIsUnpaddedBase64urlOfTheUtf8Bytes() {
        assertThat(Labels.toKeyword("à faire")).isEqualTo("$L.w6AgZmFpcmU");
        assertThat(Labels.toKeyword("a?b>")).as("+ and / would not be atom characters").isEqualTo("$L.YT9iPg");
        assertThat(Labels.toKeyword("???")).isEqualTo("???");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\Seen", "\\Flagged", "\\Answered", "$Forwarded", "$MDNSent", "$Junk", "$label"})
    void systemFlagsAndOtherClientsDollarKeywordsAreNoLabels(String keyword) {
        assertThat(Labels.fromKeyword(keyword)).isEmpty();
    }

    @Test
    void anEncodedKeywordThatIsNotBase64IsNoLabel() {
        assertThat(Labels.fromKeyword("$L.not*base64")).isEmpty();
        assertThat(Labels.fromKeyword("$L.")).contains("");
    }
}
