package dev.agentmail.domain.model;

import dev.agentmail.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageSearchTest {
    @Test
    void absentOrBlankMatchesEveryMessage() {
        assertThat(MessageSearch.parse(null).matchesAll()).isTrue();
        assertThat(MessageSearch.parse("   ").matchesAll()).isTrue();
    }

    @Test
    void wordsAreLowerCasedOnceEach() {
        assertThat(MessageSearch.parse("  Invoice  ALICE@Example.com invoice ").words())
            .containsExactly("invoice", "alice@example.com");
    }

    @Test
    void tooLongOrControlCharactersAreRefusedNamingQ() {
        assertThatThrownBy(() -> MessageSearch.parse("a".repeat(MessageSearch.MAX_LENGTH + 1)))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("q"));
        assertThatThrownBy(() -> MessageSearch.parse("one\ntwo"))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("q"));
        assertThat(MessageSearch.parse("a".repeat(MessageSearch.MAX_LENGTH)).words()).hasSize(1);
    }
}
