package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.event.EventFilters;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.model.WebhookDelivery.State;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.MailAccounts;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.service.WebhookService.NewWebhook;
import dev.agentmail.domain.service.WebhookService.WebhookChanges;
import dev.agentmail.domain.store.InMemoryDomainRepository;
import dev.agentmail.domain.store.InMemoryEventOutbox;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import dev.agentmail.domain.store.InMemoryWebhookRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;

class WebhookServiceTest {
    /** A literal public address: the guard checks it without a DNS lookup. */
    private static final String PUBLIC_URL = "https://93.184.216.34/hooks/email";
    private static final List<String> RECEIVED = List.of("message.received");

    private final MutableClock clock = new MutableClock();
    // As the server's clock: whole milliseconds.
    private final MillisecondClock millis = new MillisecondClock(clock);
    private final InMemoryInboxRepository inboxes = new InMemoryInboxRepository();
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(webhooks);
    private final EventFeed feed = new EventFeed();

    private WebhookService service(boolean allowPrivateTargets) {
        PlatformSettings settings = new PlatformSettings("agentmail.test", 10, 10, 1024, allowPrivateTargets);
        DomainService domains = new DomainService(new InMemoryDomainRepository(), inboxes, mock(MailDomains.class),
            mock(DnsLookup.class), new DomainEvents(), settings, DomainServiceTest.SETTINGS, millis);
        return new WebhookService(webhooks, outbox, new EventFilters(inboxes), new TargetGuard(settings), feed,
            millis);
    }

    private final WebhookService service = service(false);

    @BeforeEach
    void setUp() {
        for (String[] inbox : new String[][] {{"in_a", "org_1"}, {"in_b", "org_1"}, {"in_other", "org_2"}}) {
            inboxes.create(new Inbox(inbox[0], inbox[1], inbox[0].replace('_', '-'), "agentmail.test", Optional.empty(),
                Optional.empty(), Instant.EPOCH, Instant.EPOCH));
        }
    }

    private static NewWebhook newWebhook(String url) {
        return new NewWebhook(url, RECEIVED, null, null);
    }

    private static WebhookChanges changes(String url, List<String> eventTypes, List<String> inboxIds, Boolean enabled) {
        return new WebhookChanges(Optional.ofNullable(url), Optional.ofNullable(eventTypes), Optional.ofNullable(inboxIds),
            Optional.ofNullable(enabled));
    }

    private static InvalidInputException refusal(Runnable call) {
        InvalidInputException refusal = catchThrowableOfType(call::run, InvalidInputException.class);
        assertThat(refusal).isNotNull();
        return refusal;
    }

    @Test
    void aNewWebhookIsEnabledWithItsOwnSecretAndTheFiltersAsGivenWithoutRepeats() {
        Webhook webhook = service.create("org_1", new NewWebhook(PUBLIC_URL,
            List.of("message.bounced", "message.received", "message.bounced"), List.of("in_b", "in_a", "in_b"),
            "  run-42 "));

        assertThat(webhook.id()).matches("wh_[0-9A-Za-z]{20}");
        assertThat(webhook.organizationId()).isEqualTo("org_1");
        assertThat(webhook.url()).isEqualTo(PUBLIC_URL);
        assertThat(webhook.eventTypes()).containsExactly(EventType.MESSAGE_BOUNCED, EventType.MESSAGE_RECEIVED);
        assertThat(webhook.inboxIds()).containsExactly("in_b", "in_a");
        assertThat(webhook.clientId()).contains("run-42");
        assertThat(webhook.enabled()).isTrue();
        assertThat(webhook.secret()).startsWith("whsec_");
        assertThat(webhook.toString()).contains(webhook.id()).doesNotContain(webhook.secret());
        assertThat(webhook.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .isEqualTo(webhook.updatedAt());
        assertThat(webhooks.find("org_1", webhook.id())).contains(webhook);
        assertThat(service.create("org_1", newWebhook(PUBLIC_URL)).secret()).isNotEqualTo(webhook.secret());
    }

    @Test
    void withoutInboxIdsAWebhookHearsOfEveryInbox() {
        Webhook webhook = service.create("org_1", newWebhook(PUBLIC_URL));

        assertThat(webhook.inboxIds()).isEmpty();
        assertThat(webhook.clientId()).isEmpty();
        assertThat(webhook.wants(EventType.MESSAGE_RECEIVED, Optional.of("in_a"))).isTrue();
        assertThat(webhook.wants(EventType.MESSAGE_SENT, Optional.of("in_a"))).isFalse();
    }

    @Test
    void atLeastOneKnownEventTypeIsRequired() {
        for (List<String> none : Arrays.asList(null, List.<String>of())) {
            InvalidInputException refused = refusal(() -> service.create("org_1", new NewWebhook(PUBLIC_URL, none, null, null)));
            assertThat(refused.field()).contains("event_types");
            assertThat(refused).hasMessageContaining("at least one event type");
        }
        InvalidInputException unknown = refusal(() -> service.create("org_1",
            new NewWebhook(PUBLIC_URL, List.of("message.received", "message.opened"), null, null)));
        assertThat(unknown.field()).contains("event_types");
        assertThat(unknown).hasMessageContaining("'message.opened'").hasMessageContaining("domain.verified");
        assertThat(webhooks.count("org_1")).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|url is required",
        "'   '|url is required",
        "https://93.184.216.34/a b|not a valid URL",
        "/hooks/email|absolute http(s) URL",
        "mailto:ops@example.com|absolute http(s) URL",
        "https://user:secret@93.184.216.34/hook|no credentials",
        "ftp://93.184.216.34/hook|only http and https",
        "http://127.0.0.1:8080/hook|internal addresses",
        "http://169.254.169.254/latest/meta-data|internal addresses",
        "http://10.1.2.3/hook|internal addresses",
        "http://192.168.0.10/hook|internal addresses",
        "http://[::1]/hook|internal addresses",
        "http://[::ffff:127.0.0.1]/hook|internal addresses",
        "http://0.0.0.0/hook|internal addresses",
    })
    void urlsThatAreNotAbsoluteHttpOnAnOutsideHostAreRefused(String url, String reason) {
        InvalidInputException refused = refusal(() -> service.create("org_1", newWebhook(url)));

        assertThat(refused.field()).contains("url");
        assertThat(refused).hasMessageContaining(reason);
        assertThat(webhooks.count("org_1")).isZero();
    }

    @Test
    void aMissingUrlOrOneTooLongOrSpanningLinesIsRefused() {
        assertThat(refusal(() -> service.create("org_1", newWebhook(null)))).hasMessage("url is required");
        String longest = "https://93.184.216.34/" + "a".repeat(WebhookService.MAX_URL_LENGTH - 22);
        assertThat(service.create("org_1", newWebhook(longest)).url()).hasSize(WebhookService.MAX_URL_LENGTH);
        assertThat(refusal(() -> service.create("org_1", newWebhook(longest + "a")))).hasMessageContaining("at most 2048");
        assertThat(refusal(() -> service.create("org_1", newWebhook(PUBLIC_URL + "\r\nX-Injected: 1"))))
            .hasMessageContaining("control characters");
    }

    @Test
    void internalTargetsAreAcceptedWhenTheOperatorAllowsThem() {
        Webhook webhook = service(true).create("org_1", newWebhook(" http://127.0.0.1:9000/hook "));

        assertThat(webhook.url()).isEqualTo("http://127.0.0.1:9000/hook");
    }

    @Test
    void inboxIdsMustBeInboxesOfTheOrganization() {
        for (String id : new String[] {"in_other", "in_unknown", null}) {
            InvalidInputException refused = refusal(() -> service.create("org_1",
                new NewWebhook(PUBLIC_URL, RECEIVED, Arrays.asList("in_a", id), null)));
            assertThat(refused.field()).contains("inbox_ids");
            assertThat(refused).hasMessageContaining("in this organization");
        }
        assertThat(webhooks.count("org_1")).isZero();
    }

    @Test
    void aClientIdTooLongOrWithControlCharactersIsRefused() {
        assertThat(service.create("org_1", new NewWebhook(PUBLIC_URL, RECEIVED, null, "c".repeat(200))).clientId())
            .contains("c".repeat(200));
        assertThat(refusal(() -> service.create("org_1", new NewWebhook(PUBLIC_URL, RECEIVED, null, "c".repeat(201))))
            .field()).contains("client_id");
        assertThat(refusal(() -> service.create("org_1", new NewWebhook(PUBLIC_URL, RECEIVED, null, "a\nb"))).field())
            .contains("client_id");
    }

    @Test
    void anOrganizationHasAtMostAHundredWebhooks() {
        for (int i = 0; i < WebhookService.MAX_WEBHOOKS; i++) {
            service.create("org_1", newWebhook(PUBLIC_URL));
        }

        assertThatThrownBy(() -> service.create("org_1", newWebhook(PUBLIC_URL)))
            .isInstanceOf(LimitExceededException.class).hasMessageContaining("at most 100 webhooks");
        assertThat(webhooks.count("org_1")).isEqualTo(100);
        assertThat(service.create("org_2", newWebhook(PUBLIC_URL)).organizationId()).isEqualTo("org_2");
    }

    @Test
    void anotherOrganizationsWebhookIsNotFound() {
        Webhook theirs = service.create("org_2", newWebhook(PUBLIC_URL));
        Webhook mine = service.create("org_1", newWebhook(PUBLIC_URL));

        assertThatThrownBy(() -> service.get("org_1", theirs.id())).isInstanceOf(NotFoundException.class)
            .hasMessage("webhook '" + theirs.id() + "' not found");
        assertThatThrownBy(() -> service.update("org_1", theirs.id(), changes(null, null, null, false)))
            .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete("org_1", theirs.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.deliveries("org_1", theirs.id(), PageRequest.first()))
            .isInstanceOf(NotFoundException.class);
        assertThat(service.list("org_1", PageRequest.first()).data()).containsExactly(mine);
        assertThat(service.get("org_2", theirs.id())).isEqualTo(theirs);
    }

    @Test
    void anUpdateChangesWhatItNamesAndKeepsTheSecretClientIdAndCreation() {
        Webhook created = service.create("org_1", new NewWebhook(PUBLIC_URL, RECEIVED, List.of("in_a"), "run-1"));
        clock.advance(Duration.ofMinutes(5));

        Webhook disabled = service.update("org_1", created.id(), changes(null, null, null, false));

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.url()).isEqualTo(created.url());
        assertThat(disabled.eventTypes()).isEqualTo(created.eventTypes());
        assertThat(disabled.inboxIds()).isEqualTo(created.inboxIds());
        assertThat(disabled.secret()).isEqualTo(created.secret());
        assertThat(disabled.clientId()).isEqualTo(created.clientId());
        assertThat(disabled.createdAt()).isEqualTo(created.createdAt());
        assertThat(disabled.updatedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .isAfter(created.updatedAt());
        assertThat(service.get("org_1", created.id())).isEqualTo(disabled);

        Webhook changed = service.update("org_1", created.id(), changes("https://93.184.216.35/v2",
            List.of("message.sent", "message.sent"), List.of(), true));
        assertThat(changed.url()).isEqualTo("https://93.184.216.35/v2");
        assertThat(changed.eventTypes()).containsExactly(EventType.MESSAGE_SENT);
        assertThat(changed.inboxIds()).as("an empty list means every inbox").isEmpty();
        assertThat(changed.enabled()).isTrue();
    }

    @Test
    void anUpdateWithAnInvalidFieldChangesNothing() {
        Webhook created = service.create("org_1", newWebhook(PUBLIC_URL));

        assertThat(refusal(() -> service.update("org_1", created.id(), changes("http://127.0.0.1/", null, null, false)))
            .field()).contains("url");
        assertThat(refusal(() -> service.update("org_1", created.id(), changes(null, List.of(), null, false))).field())
            .contains("event_types");
        assertThat(refusal(() -> service.update("org_1", created.id(), changes(null, null, List.of("in_other"), false)))
            .field()).contains("inbox_ids");
        assertThat(service.get("org_1", created.id())).isEqualTo(created);
    }

    @Test
    void aDeletedWebhookIsGoneAndCannotBeDeletedTwice() {
        Webhook created = service.create("org_1", newWebhook(PUBLIC_URL));

        service.delete("org_1", created.id());

        assertThatThrownBy(() -> service.get("org_1", created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete("org_1", created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDeliveriesOfAWebhookAreListed() {
        Webhook webhook = service.create("org_1", newWebhook(PUBLIC_URL));
        add(delivery("dlv_1", webhook.id(), State.DELIVERED, Instant.ofEpochMilli(1_000)));
        add(delivery("dlv_2", webhook.id(), State.FAILED, Instant.ofEpochMilli(2_000)));
        add(delivery("dlv_x", "wh_other", State.PENDING, Instant.ofEpochMilli(3_000)));

        Page<WebhookDelivery> page = service.deliveries("org_1", webhook.id(), PageRequest.first());

        assertThat(page.data()).extracting(WebhookDelivery::id).containsExactly("dlv_2", "dlv_1");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void aRedeliveryIsDueNowWhateverBecameOfItAndWakesTheDispatcher() {
        Webhook webhook = service.create("org_1", newWebhook(PUBLIC_URL));
        add(delivery("dlv_1", webhook.id(), State.FAILED, Instant.ofEpochMilli(1_000)));
        long version = feed.version();

        WebhookDelivery again = service.redeliver("org_1", webhook.id(), "dlv_1");

        assertThat(again.state()).isEqualTo(State.PENDING);
        assertThat(again.nextAttemptAt()).contains(millis.instant());
        assertThat(again.attempts()).as("the attempts made so far still count").isEqualTo(3);
        assertThat(feed.version()).isGreaterThan(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlv_unknown", "dlv_of_another_webhook"})
    void redeliveringADeliveryTheWebhookDoesNotHaveIsNotFoundAndWakesNothing(String deliveryId) {
        Webhook webhook = service.create("org_1", newWebhook(PUBLIC_URL));
        add(delivery("dlv_of_another_webhook", "wh_other", State.FAILED, Instant.ofEpochMilli(1_000)));
        long version = feed.version();

        assertThatThrownBy(() -> service.redeliver("org_1", webhook.id(), deliveryId))
            .isInstanceOf(NotFoundException.class).hasMessage("delivery '" + deliveryId + "' not found");
        assertThatThrownBy(() -> service.redeliver("org_2", webhook.id(), "dlv_of_another_webhook"))
            .isInstanceOf(NotFoundException.class).hasMessageContaining("webhook");
        assertThat(feed.version()).isEqualTo(version);
        assertThat(outbox.delivery("wh_other", "dlv_of_another_webhook").orElseThrow().state()).isEqualTo(State.FAILED);
    }

    private static WebhookDelivery delivery(String id, String webhookId, State state, Instant createdAt) {
        return new WebhookDelivery(id, webhookId, "evt_1", EventType.MESSAGE_RECEIVED, state, 3, Optional.of(500),
            Optional.of("HTTP 500"), Optional.of(createdAt), Optional.empty(), createdAt);
    }

    /** A delivery of its own event, with the attempts already made, as the outbox keeps it. */
    private void add(WebhookDelivery delivery) {
        outbox.append(new StoredEvent(0, "evt_" + delivery.id(), "org_1", delivery.eventType(), Optional.empty(), "{}",
            delivery.createdAt()), List.of(delivery));
        outbox.recordAttempt(delivery.id(), delivery.state(), delivery.attempts(), delivery.lastStatusCode(),
            delivery.lastError(), delivery.lastAttemptAt().orElse(delivery.createdAt()), delivery.nextAttemptAt());
    }
}
