package dev.agentmail.domain.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every DeliveryLedger backend must do; each backend's test implements the factory method. */
public interface DeliveryLedgerContract {
    DeliveryLedger deliveryLedger();

    @Test
    default void onlyTheFirstAttemptOfADeliveryIsFirst() {
        Instant at = Instant.ofEpochMilli(1_000);

        assertThat(deliveryLedger().recordAttempt("Mail1-a", "one@agentmail.test", at)).isTrue();
        assertThat(deliveryLedger().recordAttempt("Mail1-a", "one@agentmail.test", at)).isFalse();
    }

    @Test
    default void eachRecipientOfADeliveryIsCountedApart() {
        Instant at = Instant.ofEpochMilli(1_000);
        deliveryLedger().recordAttempt("Mail1-a", "one@agentmail.test", at);

        assertThat(deliveryLedger().recordAttempt("Mail1-a", "two@agentmail.test", at)).isTrue();
        assertThat(deliveryLedger().recordAttempt("Mail2-b", "one@agentmail.test", at)).isTrue();
    }

    @Test
    default void forgettingOldAttemptsLeavesRecentOnes() {
        deliveryLedger().recordAttempt("old", "one@agentmail.test", Instant.ofEpochMilli(1_000));
        deliveryLedger().recordAttempt("new", "one@agentmail.test", Instant.ofEpochMilli(5_000));

        assertThat(deliveryLedger().forgetBefore(Instant.ofEpochMilli(2_000))).isEqualTo(1);

        assertThat(deliveryLedger().recordAttempt("old", "one@agentmail.test", Instant.ofEpochMilli(6_000))).isTrue();
        assertThat(deliveryLedger().recordAttempt("new", "one@agentmail.test", Instant.ofEpochMilli(6_000))).isFalse();
    }

    @Test
    default void longIdsAndAddressesAreKept() {
        String id = "Mail1700000000000-" + "0123456789abcdef".repeat(4);
        String recipient = "a".repeat(64) + "@" + "sub.".repeat(40) + "example.com";

        assertThat(deliveryLedger().recordAttempt(id, recipient, Instant.ofEpochMilli(1))).isTrue();
        assertThat(deliveryLedger().recordAttempt(id, recipient, Instant.ofEpochMilli(1))).isFalse();
    }
}
