package dev.agentmail.domain.event;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.DkimKey;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.port.EventPayloads;
import dev.agentmail.domain.service.MillisecondClock;
import dev.agentmail.domain.service.MutableClock;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.StorageException;
import dev.agentmail.domain.store.WebhookRepository;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class EventRecorderTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00.123Z");

    private final EventOutbox outbox = mock(EventOutbox.class);
    private final WebhookRepository webhooks = mock(WebhookRepository.class);
    private final EventFeed feed = new EventFeed();
    private final List<EventFeed.Appended> rung = new ArrayList<>();
    private final MessageEvents messageEvents = new MessageEvents();
    private final DomainEvents domainEvents = new DomainEvents();

    EventRecorderTest() {
        feed.subscribe(rung::add);
        EventRecorder recorder = new EventRecorder(outbox, webhooks, new Payloads(), feed,
            new MillisecondClock(new MutableClock()));
        messageEvents.subscribe(recorder::record);
        domainEvents.subscribe(recorder::recordVerified);
    }

    private static Webhook webhook(String id, List<EventType> types, List<String> inboxIds, boolean enabled) {
        return new Webhook(id, "org_1", "https://hooks.example.com/" + id, types, inboxIds, enabled, Optional.empty(),
            "whsec_x", NOW, NOW);
    }

    private static StoredMessage message() {
        MessageContent content = new MessageContent(Optional.empty(), Optional.empty(), List.of(), "Hi", "a@example.com",
            List.of(), List.of("agent@agentmail.test"), List.of(), List.of(), Optional.of("hi"), Optional.empty(), "hi",
            Map.of(), List.of());
        return new StoredMessage("msg_1", "org_1", "inbox_a", "thr_1", Direction.INBOUND, new MailboxLocation("m", 1),
            content, Analysis.NONE, Set.of(), 10, NOW, NOW, NOW);
    }

    @Test
    void aMessageEventIsStoredWithAPendingDeliveryForEachWebhookThatWantsIt() {
        when(webhooks.listEnabled("org_1")).thenReturn(List.of(
            webhook("wh_all", List.of(EventType.MESSAGE_RECEIVED), List.of(), true),
            webhook("wh_inbox_a", List.of(EventType.MESSAGE_RECEIVED), List.of("inbox_a"), true),
            webhook("wh_inbox_b", List.of(EventType.MESSAGE_RECEIVED), List.of("inbox_b"), true),
            webhook("wh_sent", List.of(EventType.MESSAGE_SENT), List.of(), true)));

        messageEvents.publish(new MessageEvent(EventType.MESSAGE_RECEIVED, message(), NOW));

        ArgumentCaptor<StoredEvent> event = ArgumentCaptor.forClass(StoredEvent.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<WebhookDelivery>> deliveries = ArgumentCaptor.forClass(List.class);
        verify(outbox).append(event.capture(), deliveries.capture());
        StoredEvent stored = event.getValue();
        assertThat(stored.id()).startsWith("evt_");
        assertThat(stored.organizationId()).isEqualTo("org_1");
        assertThat(stored.type()).isEqualTo(EventType.MESSAGE_RECEIVED);
        assertThat(stored.inboxId()).contains("inbox_a");
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(stored.payload()).isEqualTo("message " + stored.id() + " " + NOW + " msg_1");
        assertThat(deliveries.getValue()).extracting(WebhookDelivery::webhookId).containsExactly("wh_all", "wh_inbox_a");
        assertThat(deliveries.getValue()).allSatisfy(delivery -> {
            assertThat(delivery.id()).startsWith("dlv_");
            assertThat(delivery.eventId()).isEqualTo(stored.id());
            assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.PENDING);
            assertThat(delivery.attempts()).isZero();
            assertThat(delivery.nextAttemptAt()).contains(NOW);
        });
        assertThat(rung).containsExactly(new EventFeed.Appended("org_1", EventType.MESSAGE_RECEIVED,
            Optional.of("inbox_a"), true));
    }

    @Test
    void aVerifiedDomainIsAnEventOfNoInboxForTheWebhooksOfItsType() {
        when(webhooks.listEnabled("org_1")).thenReturn(List.of(
            webhook("wh_domains", List.of(EventType.DOMAIN_VERIFIED), List.of(), true),
            webhook("wh_inbox_a", List.of(EventType.DOMAIN_VERIFIED), List.of("inbox_a"), true),
            webhook("wh_messages", List.of(EventType.MESSAGE_RECEIVED), List.of(), true)));

        domainEvents.publish(new Domain("example.com", "org_1", Domain.Status.VERIFIED, true, List.of(),
            new DkimKey("dkim", "pub", "priv"), NOW, NOW));

        ArgumentCaptor<StoredEvent> event = ArgumentCaptor.forClass(StoredEvent.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<WebhookDelivery>> deliveries = ArgumentCaptor.forClass(List.class);
        verify(outbox).append(event.capture(), deliveries.capture());
        assertThat(event.getValue().type()).isEqualTo(EventType.DOMAIN_VERIFIED);
        assertThat(event.getValue().inboxId()).isEmpty();
        assertThat(event.getValue().payload()).isEqualTo("domain " + event.getValue().id() + " " + NOW + " example.com");
        // An inbox filter does not hold back what is about no inbox.
        assertThat(deliveries.getValue()).extracting(WebhookDelivery::webhookId)
            .containsExactly("wh_domains", "wh_inbox_a");
    }

    @Test
    void anEventTheOutboxCouldNotTakeWakesNoReaderAndDoesNotFailTheChangeThatCausedIt() {
        when(webhooks.listEnabled("org_1")).thenReturn(List.of());
        doThrow(new StorageException("down", null)).when(outbox).append(any(), any());

        messageEvents.publish(new MessageEvent(EventType.MESSAGE_RECEIVED, message(), NOW));

        assertThat(rung).isEmpty();
    }

    private static final class Payloads implements EventPayloads {
        @Override
        public String message(String eventId, Instant createdAt, MessageEvent event) {
            return "message " + eventId + " " + createdAt + " " + event.message().id();
        }

        @Override
        public String domain(String eventId, Instant createdAt, Domain domain) {
            return "domain " + eventId + " " + createdAt + " " + domain.name();
        }

        @Override
        public String draft(String eventId, Instant createdAt, dev.agentmail.domain.model.EventType type,
                            dev.agentmail.domain.model.Draft draft) {
            return type.wireName() + " " + eventId + " " + createdAt + " " + draft.id();
        }
    }
}
