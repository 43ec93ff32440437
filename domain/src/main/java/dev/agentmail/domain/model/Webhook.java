package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A subscription of an organization's events to a URL. {@code inboxIds} empty means every inbox. The secret signs
 * deliveries, so it is kept readable (unlike API keys, which are only checked and are stored hashed): sealed at rest
 * by the stores, and left out of {@link #toString()} so that no log line carries it.
 */
public record Webhook(String id, String organizationId, String url, List<EventType> eventTypes, List<String> inboxIds,
                      boolean enabled, Optional<String> clientId, String secret, Instant createdAt, Instant updatedAt) {
    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        eventTypes = List.copyOf(eventTypes);
        inboxIds = List.copyOf(inboxIds);
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", organizationId=" + organizationId + ", url=" + url + ", eventTypes=" + eventTypes
            + ", inboxIds=" + inboxIds + ", enabled=" + enabled + ", clientId=" + clientId + ", secret=(hidden)"
            + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + "]";
    }

    /** Whether an event of this type, about this inbox (empty for events of no inbox), is for this webhook. */
    public boolean wants(EventType type, Optional<String> inboxId) {
        return enabled && new EventFilter(Set.copyOf(eventTypes), Set.copyOf(inboxIds)).matches(type, inboxId);
    }

    public Webhook withSettings(String url, List<EventType> eventTypes, List<String> inboxIds, boolean enabled,
                                Instant updatedAt) {
        return new Webhook(id, organizationId, url, eventTypes, inboxIds, enabled, clientId, secret, createdAt, updatedAt);
    }
}
