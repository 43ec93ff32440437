package dev.agentmail.domain.service;

import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.event.EventFilters;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.model.WebhookDelivery;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.domain.store.WebhookRepository;

import javax.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The rules of webhook subscriptions: valid, reachable-from-outside URLs, known event types, own inboxes. */
public class WebhookService {
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_WEBHOOKS = 100;
    private static final int MAX_CLIENT_ID_LENGTH = 200;

    private final WebhookRepository webhooks;
    private final EventOutbox outbox;
    private final EventFilters filters;
    private final TargetGuard guard;
    private final EventFeed feed;
    private final Clock clock;

    @Inject
    public WebhookService(WebhookRepository webhooks, EventOutbox outbox, EventFilters filters, TargetGuard guard,
                          EventFeed feed, Clock clock) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.filters = filters;
        this.guard = guard;
        this.feed = feed;
        this.clock = clock;
    }

    public record NewWebhook(String url, List<String> eventTypes, List<String> inboxIds, String clientId) {
    }

    /** A PATCH: absent fields stay as they are. */
    public record WebhookChanges(Optional<String> url, Optional<List<String>> eventTypes,
                                 Optional<List<String>> inboxIds, Optional<Boolean> enabled) {
    }

    /** @return the webhook with its secret, which only this answer shows */
    public Webhook create(String organizationId, NewWebhook request) {
        String url = validUrl(request.url());
        List<EventType> eventTypes = validEventTypes(request.eventTypes());
        List<String> inboxIds = filters.inboxIds("inbox_ids", organizationId, request.inboxIds() == null ? List.of() : request.inboxIds());
        Optional<String> clientId = TextInput.optional("client_id", request.clientId(), MAX_CLIENT_ID_LENGTH);
        if (webhooks.count(organizationId) >= MAX_WEBHOOKS) {
            throw new LimitExceededException("an organization can have at most " + MAX_WEBHOOKS + " webhooks");
        }
        Instant now = now();
        Webhook webhook = new Webhook(Ids.webhook(), organizationId, url, eventTypes, inboxIds, true, clientId,
            WebhookSignature.newSecret(), now, now);
        webhooks.create(webhook);
        return webhook;
    }

    /** A key scoped to inboxes finds only the webhooks of its inboxes: not those of every inbox. */
    public Webhook get(String organizationId, String webhookId) {
        return webhooks.find(organizationId, webhookId).filter(WebhookService::visible)
            .orElseThrow(() -> new NotFoundException("webhook", webhookId));
    }

    public Page<Webhook> list(String organizationId, PageRequest pageRequest) {
        if (CallerScope.current().wholeOrganization()) {
            return webhooks.list(organizationId, pageRequest);
        }
        List<Webhook> visible = ScopedPages.all(request -> webhooks.list(organizationId, request),
            WebhookService::visible);
        return ScopedPages.page(visible, pageRequest);
    }

    private static boolean visible(Webhook webhook) {
        KeyScope scope = CallerScope.current();
        return scope.wholeOrganization()
            || (!webhook.inboxIds().isEmpty() && webhook.inboxIds().stream().allMatch(scope::reaches));
    }

    public Webhook update(String organizationId, String webhookId, WebhookChanges changes) {
        Webhook current = get(organizationId, webhookId);
        Webhook changed = current.withSettings(
            changes.url().map(this::validUrl).orElse(current.url()),
            changes.eventTypes().map(this::validEventTypes).orElse(current.eventTypes()),
            changes.inboxIds().map(ids -> filters.inboxIds("inbox_ids", organizationId, ids)).orElse(current.inboxIds()),
            changes.enabled().orElse(current.enabled()), now());
        webhooks.update(changed);
        return changed;
    }

    public void delete(String organizationId, String webhookId) {
        get(organizationId, webhookId);
        if (!webhooks.delete(organizationId, webhookId)) {
            throw new NotFoundException("webhook", webhookId);
        }
    }

    public Page<WebhookDelivery> deliveries(String organizationId, String webhookId, PageRequest pageRequest) {
        get(organizationId, webhookId);
        return outbox.deliveries(webhookId, pageRequest);
    }

    /** Attempts the delivery again now, whatever became of it; the webhook's own settings still apply. */
    public WebhookDelivery redeliver(String organizationId, String webhookId, String deliveryId) {
        get(organizationId, webhookId);
        if (!outbox.redeliver(webhookId, deliveryId, clock.instant())) {
            throw new NotFoundException("delivery", deliveryId);
        }
        feed.appended();
        return outbox.delivery(webhookId, deliveryId).orElseThrow(() -> new NotFoundException("delivery", deliveryId));
    }

    /** An absolute http(s) URL with a host, no credentials, and not on an internal address (unless allowed). */
    private String validUrl(String raw) {
        String url = TextInput.required("url", raw, MAX_URL_LENGTH);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "url is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new InvalidInputException("url", "url must be an absolute http(s) URL with a host and no credentials");
        }
        guard.check("url", uri);
        return uri.toString();
    }

    private List<EventType> validEventTypes(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidInputException("event_types", "event_types must name at least one event type");
        }
        return filters.eventTypes("event_types", raw);
    }

    private Instant now() {
        return clock.instant();
    }
}
