package dev.agentmail.domain.event;

import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.port.EventPayloads;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.WebhookRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes each event to the outbox, with one pending delivery per webhook that wants it, on the thread of the change
 * that caused it, then wakes the outbox's readers. The order readers see is the outbox's to keep
 * ({@link EventOutbox#append}).
 */
public class EventRecorder {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventRecorder.class);

    private final EventOutbox outbox;
    private final WebhookRepository webhooks;
    private final EventPayloads payloads;
    private final EventFeed feed;
    private final Clock clock;

    @Inject
    public EventRecorder(EventOutbox outbox, WebhookRepository webhooks, EventPayloads payloads, EventFeed feed,
                         Clock clock) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.payloads = payloads;
        this.feed = feed;
        this.clock = clock;
    }

    /** Subscribed to {@link MessageEvents} where the buses are made, so that no event goes unrecorded. */
    public void record(MessageEvent event) {
        String id = Ids.event();
        Instant now = now();
        append(id, event.message().organizationId(), event.type(), Optional.of(event.message().inboxId()),
            payloads.message(id, now, event), now);
    }

    /** Subscribed to {@link DomainEvents} likewise. */
    public void recordVerified(Domain domain) {
        String id = Ids.event();
        Instant now = now();
        append(id, domain.organizationId(), EventType.DOMAIN_VERIFIED, Optional.empty(), payloads.domain(id, now, domain),
            now);
    }

    /** Subscribed to {@link DraftEvents} likewise. */
    public void recordDraft(DraftEvents.DraftEvent event) {
        String id = Ids.event();
        Instant now = now();
        append(id, event.draft().organizationId(), event.type(), Optional.of(event.draft().inboxId()),
            payloads.draft(id, now, event.type(), event.draft()), now);
    }

    private void append(String id, String organizationId, EventType type, Optional<String> inboxId, String payload,
                        Instant now) {
        List<WebhookDelivery> deliveries = webhooks.listEnabled(organizationId).stream()
            .filter(webhook -> webhook.wants(type, inboxId))
            .map(webhook -> pending(webhook, id, type, now))
            .toList();
        try {
            outbox.append(new StoredEvent(0, id, organizationId, type, inboxId, payload, now), deliveries);
        } catch (RuntimeException e) {
            LOGGER.error("Could not record {} {} of {}: it will not be delivered", type.wireName(), id, organizationId, e);
            return;
        }
        feed.appended(new EventFeed.Appended(organizationId, type, inboxId, true));
    }

    private static WebhookDelivery pending(Webhook webhook, String eventId, EventType type, Instant now) {
        return new WebhookDelivery(Ids.delivery(), webhook.id(), eventId, type, WebhookDelivery.State.PENDING, 0,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(now), now);
    }

    private Instant now() {
        return clock.instant();
    }
}
