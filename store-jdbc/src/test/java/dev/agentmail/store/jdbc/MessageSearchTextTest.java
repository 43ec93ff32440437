package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.MessageContent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSearchTextTest {
    @Test
    void eachFieldIsALineOfItsDistinctLowerCasedWords() {
        MessageContent content = new MessageContent(Optional.empty(), Optional.empty(), List.of(), "Your Order, your ORDER",
            "Shop <news@shop.example>", List.of(), List.of("a@x.example"), List.of("b@x.example"), List.of(),
            Optional.of("Dear Ann,\r\n\r\nyour order\tships.\nYour order\u00A0ships."), Optional.empty(), "", Map.of(),
            List.of());

        assertThat(MessageSearchText.of(content)).isEqualTo(String.join("\n",
            "your order, order",
            "shop <news@shop.example>",
            "a@x.example",
            "b@x.example",
            // A no-break space is no white space to the query either, so "order\u00A0ships." stays one word.
            "dear ann, your order ships. order\u00A0ships."));
    }

    @Test
    void aWordLowerCasesAsItWouldOnItsOwn() {
        MessageContent content = new MessageContent(Optional.empty(), Optional.empty(), List.of(), "ΟΔΟΣ ΟΔΟΣ",
            "", List.of(), List.of(), List.of(), List.of(), Optional.of("ΟΔΟΣ\tΚΑΙ İSTANBUL"), Optional.empty(), "",
            Map.of(), List.of());

        assertThat(MessageSearchText.of(content).split("\n")).containsExactly("οδος", "", "οδος και "
            + "İSTANBUL".toLowerCase(java.util.Locale.ROOT));
    }
}
