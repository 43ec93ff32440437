package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeySecretsTest {
    @Test
    void generatedKeysAreLongRandomAndPrefixed() {
        String one = ApiKeySecrets.generate();
        String two = ApiKeySecrets.generate();

        assertThat(one).matches("inai_[0-9A-Za-z]{8}_[0-9A-Za-z]{40}").isNotEqualTo(two);
    }

    @Test
    void theHashIsStableHexAndRevealsNothingOfTheKey() {
        String key = "inai_abcdefgh_0123456789";

        assertThat(ApiKeySecrets.hash(key)).hasSize(64).isEqualTo(ApiKeySecrets.hash(key)).doesNotContain("abcdefgh");
        assertThat(ApiKeySecrets.hash(key + "x")).isNotEqualTo(ApiKeySecrets.hash(key));
    }

    @Test
    void theHashIsTheLowerCaseHexOfSha256() {
        assertThat(ApiKeySecrets.hash("abc"))
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void generatedKeysPassTheChecksOfChosenOnes() {
        String key = ApiKeySecrets.generate();

        assertThat(ApiKeySecrets.validateChosen(key)).isEqualTo(key);
        assertThat(ApiKeySecrets.displayPrefix(key)).isEqualTo(key.substring(0, 14) + "...");
    }

    @Test
    void theDisplayPrefixIsTooShortToUse() {
        assertThat(ApiKeySecrets.displayPrefix("inai_abcdefgh_0123456789")).isEqualTo("inai_abcdefgh_...");
    }

    @Test
    void chosenKeysMustLookLikeKeys() {
        assertThatThrownBy(() -> ApiKeySecrets.validateChosen("secret-123456")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ApiKeySecrets.validateChosen("inai_short")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ApiKeySecrets.validateChosen("inai_with space_12345")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ApiKeySecrets.validateChosen(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ApiKeySecrets.validateChosen("inai_line\nbreak_1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ApiKeySecrets.validateChosen("inai_clé_123456789")).isInstanceOf(InvalidInputException.class);
        assertThat(ApiKeySecrets.validateChosen("inai_long_enough_1")).isEqualTo("inai_long_enough_1");
    }
}
