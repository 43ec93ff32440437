package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.port.SecretSealer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secrets a store must keep sealed: webhook signing secrets and DKIM private keys are never in the store in
 * clear, yet read back whole; rows an earlier version wrote in clear are read, then sealed in place once. Each
 * backend's test gives repositories over one store with a real sealer, and reads and writes the raw columns.
 */
public interface SecretsAtRestContract {
    WebhookRepository webhookRepository();

    DomainRepository domainRepository();

    EventOutbox eventOutbox();

    SecretsAtRest secretsAtRest();

    /** Over the same store, with a sealer on another key. */
    SecretsAtRest secretsAtRestWithAnotherKey();

    /** The webhook's secret column as the store holds it. */
    String storedWebhookSecret(String webhookId);

    String storedDkimPrivateKey(String domain);

    /** Writes the column as it is given, as versions before sealing wrote the clear secret. */
    void storeWebhookSecret(String webhookId, String value);

    void storeDkimPrivateKey(String domain, String value);

    @Test
    default void secretsAreSealedInTheStoreAndReadBackWhole() {
        Webhook webhook = WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000);
        Domain domain = DomainRepositoryContract.domain("example.com", "org_a", 1_000);
        webhookRepository().create(webhook);
        domainRepository().create(domain);

        assertThat(storedWebhookSecret("wh_1")).doesNotContain(webhook.secret());
        assertThat(storedDkimPrivateKey("example.com")).doesNotContain(domain.dkimKey().privateKey());
        assertThat(webhookRepository().find("org_a", "wh_1").orElseThrow().secret()).isEqualTo(webhook.secret());
        assertThat(webhookRepository().listEnabled("org_a")).extracting(Webhook::secret).containsExactly(webhook.secret());
        assertThat(domainRepository().find("example.com").orElseThrow().dkimKey()).isEqualTo(domain.dkimKey());
        assertThat(secretsAtRest().sealClearSecrets()).isZero();
    }

    @Test
    default void aClaimedDeliveryCarriesTheWebhooksSecretOpened() {
        Webhook webhook = WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000);
        webhookRepository().create(webhook);
        eventOutbox().append(EventOutboxContract.event("evt_1", "org_a", EventOutboxContract.T0),
            List.of(EventOutboxContract.pending("dlv_1", "wh_1", EventOutboxContract.T0)));

        List<DueDelivery> claimed = eventOutbox().claimDue(EventOutboxContract.T0,
            EventOutboxContract.T0.plusSeconds(30), 10);

        assertThat(claimed).extracting(due -> due.webhook().secret()).containsExactly(webhook.secret());
    }

    @Test
    default void clearRowsOfAnEarlierVersionAreReadThenSealedOnceWithoutLoss() {
        Webhook webhook = WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000);
        Webhook sealedAlready = WebhookRepositoryContract.webhook("wh_2", "org_a", 2_000);
        Domain domain = DomainRepositoryContract.domain("example.com", "org_a", 1_000);
        webhookRepository().create(webhook);
        webhookRepository().create(sealedAlready);
        domainRepository().create(domain);
        String untouched = storedWebhookSecret("wh_2");
        storeWebhookSecret("wh_1", webhook.secret());
        storeDkimPrivateKey("example.com", domain.dkimKey().privateKey());

        assertThat(webhookRepository().find("org_a", "wh_1").orElseThrow().secret()).isEqualTo(webhook.secret());
        assertThat(domainRepository().find("example.com").orElseThrow().dkimKey()).isEqualTo(domain.dkimKey());

        assertThat(secretsAtRest().sealClearSecrets()).isEqualTo(2);

        assertThat(storedWebhookSecret("wh_1")).doesNotContain(webhook.secret());
        assertThat(storedDkimPrivateKey("example.com")).doesNotContain(domain.dkimKey().privateKey());
        assertThat(storedWebhookSecret("wh_2")).isEqualTo(untouched);
        assertThat(webhookRepository().find("org_a", "wh_1").orElseThrow()).isEqualTo(webhook);
        assertThat(webhookRepository().find("org_a", "wh_2").orElseThrow()).isEqualTo(sealedAlready);
        assertThat(domainRepository().find("example.com").orElseThrow()).isEqualTo(domain);
        assertThat(secretsAtRest().sealClearSecrets()).isZero();
    }

    @Test
    default void aSealedSecretCopiedToAnotherRowDoesNotOpenThere() {
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000));
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_2", "org_a", 2_000));

        storeWebhookSecret("wh_2", storedWebhookSecret("wh_1"));

        assertThatThrownBy(() -> webhookRepository().find("org_a", "wh_2"))
            .isInstanceOf(SecretSealer.UnreadableSecretException.class)
            .hasMessageContaining("wh_2");
    }

    @Test
    default void anotherKeyIsRefusedBeforeItSealsAnything() {
        Webhook webhook = WebhookRepositoryContract.webhook("wh_1", "org_a", 1_000);
        webhookRepository().create(webhook);
        webhookRepository().create(WebhookRepositoryContract.webhook("wh_2", "org_a", 2_000));
        storeWebhookSecret("wh_2", "whsec_clear");

        assertThatThrownBy(() -> secretsAtRestWithAnotherKey().sealClearSecrets())
            .isInstanceOf(SecretSealer.UnreadableSecretException.class);
        assertThat(storedWebhookSecret("wh_2")).isEqualTo("whsec_clear");
        assertThat(webhookRepository().find("org_a", "wh_1").orElseThrow().secret()).isEqualTo(webhook.secret());
    }
}
