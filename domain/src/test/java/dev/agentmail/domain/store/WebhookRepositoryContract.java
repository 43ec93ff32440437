package dev.agentmail.domain.store;

import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Webhook;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every WebhookRepository backend must do, over a store that starts empty for each test. */
public interface WebhookRepositoryContract {
    WebhookRepository webhookRepository();

    static Webhook webhook(String id, String organizationId, long createdAtMillis) {
        Instant at = Instant.ofEpochMilli(createdAtMillis);
        return new Webhook(id, organizationId, "https://hooks.example.com/" + id,
            List.of(EventType.MESSAGE_RECEIVED, EventType.DOMAIN_VERIFIED), List.of("inbox-a", "inbox-b"), true,
            Optional.of("client-" + id), "whsec_secret-" + id, at, at.plusMillis(5));
    }

    @Test
    default void storesEveryFieldAndFindsOnlyInItsOrganization() {
        WebhookRepository repository = webhookRepository();
        Webhook webhook = webhook("wh_1", "org_a", 1_000);
        repository.create(webhook);

        assertThat(repository.find("org_a", "wh_1")).contains(webhook);
        assertThat(repository.find("org_b", "wh_1")).isEmpty();
        assertThat(repository.find("org_a", "wh_unknown")).isEmpty();
    }

    @Test
    default void storesAWebhookWithoutFiltersOrClientId() {
        WebhookRepository repository = webhookRepository();
        Instant at = Instant.ofEpochMilli(2_000);
        Webhook webhook = new Webhook("wh_2", "org_a", "http://127.0.0.1:9/x", List.of(EventType.MESSAGE_SENT),
            List.of(), false, Optional.empty(), "whsec_x", at, at);
        repository.create(webhook);

        assertThat(repository.find("org_a", "wh_2")).contains(webhook);
    }

    @Test
    default void listsNewestFirstWithTotalsAndEnabledOnes() {
        WebhookRepository repository = webhookRepository();
        repository.create(webhook("wh_1", "org_a", 1_000));
        repository.create(webhook("wh_2", "org_a", 2_000));
        repository.create(webhook("wh_3", "org_a", 3_000).withSettings("https://x.example/3",
            List.of(EventType.MESSAGE_SENT), List.of(), false, Instant.ofEpochMilli(3_000)));
        repository.create(webhook("wh_4", "org_b", 4_000));

        Page<Webhook> page = repository.list("org_a", new PageRequest(1, 2));
        assertThat(page.data()).extracting(Webhook::id).containsExactly("wh_3", "wh_2");
        assertThat(page.total()).isEqualTo(3);
        assertThat(repository.list("org_a", new PageRequest(2, 2)).data()).extracting(Webhook::id)
            .containsExactly("wh_1");
        assertThat(repository.listEnabled("org_a")).extracting(Webhook::id).containsExactlyInAnyOrder("wh_1", "wh_2");
        assertThat(repository.count("org_b")).isEqualTo(1);
    }

    @Test
    default void updatesTheSettingsButNotTheSecretOrCreation() {
        WebhookRepository repository = webhookRepository();
        Webhook webhook = webhook("wh_1", "org_a", 1_000);
        repository.create(webhook);
        Webhook changed = webhook.withSettings("https://new.example/hook", List.of(EventType.MESSAGE_BOUNCED), List.of(),
            false, Instant.ofEpochMilli(9_000));

        repository.update(changed);

        assertThat(repository.find("org_a", "wh_1")).contains(changed);
    }

    @Test
    default void deletesOnlyInItsOrganization() {
        WebhookRepository repository = webhookRepository();
        repository.create(webhook("wh_1", "org_a", 1_000));

        assertThat(repository.delete("org_b", "wh_1")).isFalse();
        assertThat(repository.delete("org_a", "wh_1")).isTrue();
        assertThat(repository.find("org_a", "wh_1")).isEmpty();
        assertThat(repository.delete("org_a", "wh_1")).isFalse();
    }

    /** Every event reads the enabled webhooks: a change applies to the very next one. */
    @Test
    default void theEnabledWebhooksFollowEachChange() {
        WebhookRepository repository = webhookRepository();
        assertThat(repository.listEnabled("org_a")).isEmpty();

        Webhook webhook = webhook("wh_1", "org_a", 1_000);
        repository.create(webhook);
        assertThat(repository.listEnabled("org_a")).containsExactly(webhook);

        Webhook moved = webhook.withSettings("https://new.example/hook", webhook.eventTypes(), webhook.inboxIds(), true,
            Instant.ofEpochMilli(9_000));
        repository.update(moved);
        assertThat(repository.listEnabled("org_a")).containsExactly(moved);

        repository.update(moved.withSettings(moved.url(), moved.eventTypes(), moved.inboxIds(), false,
            Instant.ofEpochMilli(10_000)));
        assertThat(repository.listEnabled("org_a")).isEmpty();

        repository.update(moved);
        repository.delete("org_a", "wh_1");
        assertThat(repository.listEnabled("org_a")).isEmpty();
    }
}
