package dev.agentmail.app;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentSettingsTest {
    private static EnvironmentSettings env(String name, String value) {
        return new EnvironmentSettings(Map.of(name, value));
    }

    @Test
    void blankCountsAsUnsetAndValuesAreTrimmed() {
        assertThat(env("X", "   ").optional("X")).isEmpty();
        assertThat(env("X", "  value ").text("X", "fallback")).isEqualTo("value");
        assertThat(env("X", "").text("X", "fallback")).isEqualTo("fallback");
    }

    @Test
    void integersAreWholeNumbersWithinBounds() {
        assertThat(env("N", "42").integer("N", 1, 0, 100)).isEqualTo(42);
        assertThat(env("OTHER", "42").integer("N", 7, 0, 100)).isEqualTo(7);
        assertThatThrownBy(() -> env("N", "4x").integer("N", 1, 0, 100))
            .hasMessage("N must be a whole number, got '4x'");
        assertThatThrownBy(() -> env("N", "101").integer("N", 1, 0, 100)).hasMessage("N must be between 0 and 100");
        assertThatThrownBy(() -> env("N", "0").port("N", 1)).hasMessageStartingWith("N must be between 1 and 65535");
    }

    @Test
    void durationsAreGivenInSeconds() {
        assertThat(env("T", "90").seconds("T", 30, 1, 3600)).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> env("T", "1m").seconds("T", 30, 1, 3600)).hasMessageStartingWith("T must be");
    }

    @Test
    void booleansAreTrueOrFalse() {
        assertThat(env("B", "Yes").bool("B", false)).isTrue();
        assertThat(env("B", "0").bool("B", true)).isFalse();
        assertThatThrownBy(() -> env("B", "maybe").bool("B", false)).hasMessage("B must be true or false, got 'maybe'");
    }

    @Test
    void hostAndPortIsReadUnresolved() {
        assertThat(env("H", "relay.example:2525").hostAndPort("H"))
            .contains(InetSocketAddress.createUnresolved("relay.example", 2525));
        assertThatThrownBy(() -> env("H", "relay.example").hostAndPort("H")).hasMessageStartingWith("H must be host:port");
        assertThatThrownBy(() -> env("H", "relay.example:99999").hostAndPort("H")).hasMessageStartingWith("H must be host:port");
    }

    @Test
    void urlsNeedAHostAndOneOfTheSchemesAndTheErrorLeavesOutCredentials() {
        assertThat(env("U", "amqps://broker:5671").url("U", "amqp", "amqps")).contains(URI.create("amqps://broker:5671"));
        assertThatThrownBy(() -> env("U", "http://user:hunter2@broker").url("U", "amqp", "amqps"))
            .hasMessageStartingWith("U must be a amqp or amqps URL with a host")
            .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> env("U", "amqp:no-host").url("U", "amqp")).hasMessageStartingWith("U must be");
    }

    @Test
    void pathsAreAbsolute() {
        assertThat(env("P", "var/../data").path("P", "./var")).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(env("OTHER", "x").optionalPath("P")).isEmpty();
    }

    @Test
    void aValueOfItsOwnFormatHasItsParsersComplaintUnderTheVariablesName() {
        assertThatThrownBy(() -> env("F", "bad").parsed("F", "good", value -> {
            throw new IllegalArgumentException("not a good value");
        })).hasMessage("F: not a good value");
    }

    @Test
    void requiredSaysWhenItIsNeeded() {
        assertThatThrownBy(() -> env("OTHER", "x").required("R", "with AGENTMAIL_STORAGE=distributed"))
            .hasMessage("R is needed with AGENTMAIL_STORAGE=distributed");
    }

    @Test
    void aSecretNeverPrintsItself() {
        Optional<Secret> secret = env("S", "inai_very_secret").secret("S");

        assertThat(secret.orElseThrow().value()).isEqualTo("inai_very_secret");
        assertThat(secret.toString()).doesNotContain("very_secret");
    }
}
