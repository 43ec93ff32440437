package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextInputTest {
    @Test
    void requiredValuesAreStripped() {
        assertThat(TextInput.required("name", "  Acme Inc.\t ", 20)).isEqualTo("Acme Inc.");
    }

    @Test
    void requiredValuesMustNotBeMissingOrBlank() {
        for (String missing : new String[] {null, "", "   ", "\t"}) {
            assertThatThrownBy(() -> TextInput.required("name", missing, 20))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("name"))
                .hasMessageContaining("required");
        }
    }

    @Test
    void optionalValuesMayBeMissing() {
        assertThat(TextInput.optional("display_name", null, 20)).isEmpty();
        assertThat(TextInput.optional("display_name", " Agent ", 20)).contains("Agent");
    }

    /** A line break in a value that ends up in a mail header would let a caller add headers of its own. */
    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nBcc: x@example.com", "a\u0000b", "a\u0007b", "a\u007fb", "a\u0085b",
        "a\tb"})
    void controlCharactersInsideTheValueAreRefused(String value) {
        assertThatThrownBy(() -> TextInput.required("name", value, 200))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("name"))
            .hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> TextInput.optional("client_id", value, 200))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("client_id"));
    }

    @Test
    void theLengthIsBoundedAfterStripping() {
        assertThat(TextInput.required("name", " abc ", 3)).isEqualTo("abc");
        assertThatThrownBy(() -> TextInput.required("name", "abcd", 3)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TextInput.optional("name", "abcd", 3)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void textBeyondAsciiIsWelcome() {
        assertThat(TextInput.required("name", "Zoë ✉ 東京", 20)).isEqualTo("Zoë ✉ 東京");
    }
}
