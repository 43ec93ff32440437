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

    @Test
    void aLongBodyKeepsEachWordOnceInTheOrderItFirstCame() {
        java.util.Random random = new java.util.Random(17);
        String[] spaces = {" ", "\t", "\r\n", "  ", "\f"};
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            body.append("W").append(Integer.toString(random.nextInt(3_000), 36)).append(spaces[random.nextInt(spaces.length)]);
        }
        MessageContent content = new MessageContent(Optional.empty(), Optional.empty(), List.of(), "", "", List.of(),
            List.of(), List.of(), List.of(), Optional.of(body.toString()), Optional.empty(), "", Map.of(), List.of());

        java.util.Set<String> expected = new java.util.LinkedHashSet<>(
            List.of(body.toString().toLowerCase(java.util.Locale.ROOT).strip().split("\\s+")));
        assertThat(MessageSearchText.of(content).split("\n")[2]).isEqualTo(String.join(" ", expected));
    }
}
