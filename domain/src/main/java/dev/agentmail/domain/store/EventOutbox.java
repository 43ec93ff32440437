package dev.agentmail.domain.store;

import dev.agentmail.domain.model.DueDelivery;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredEvent;
import dev.agentmail.domain.model.WebhookDelivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The persistent record of events and of their deliveries to webhooks: what the event stream replays and what the
 * dispatcher works through, surviving restarts.
 */
public interface EventOutbox {
    /**
     * Stores the event and its pending deliveries in one transaction. The event's {@code sequence} is ignored: the
     * outbox numbers events in the order they are appended, and they become visible in that order, however many
     * threads append at once: a reader that has seen an event never later finds one with a lower sequence appended
     * through this outbox. (Outboxes of other nodes sharing the store may make an event visible behind a higher one,
     * within seconds of its creation; event streams read those seconds again.)
     */
    void append(StoredEvent event, List<WebhookDelivery> deliveries);

    /** The organization's events after the one with this sequence, oldest first. */
    List<StoredEvent> eventsAfter(String organizationId, long sequence, int limit);

    /** The sequence of one of the organization's events, to resume a stream after it. */
    Optional<Long> sequenceOf(String organizationId, String eventId);

    /** The sequence of the newest event of the whole outbox, 0 when empty. */
    long lastSequence();

    /**
     * Pending deliveries due at {@code now}, oldest first, claimed until {@code leaseUntil}: another claim before then
     * does not return them, and they come due again then if their attempt never reports back (a crash).
     */
    List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Records the outcome of an attempt; {@code nextAttemptAt} is set only when the state stays pending. */
    void recordAttempt(String deliveryId, WebhookDelivery.State state, int attempts, Optional<Integer> statusCode,
                       Optional<String> error, Instant attemptedAt, Optional<Instant> nextAttemptAt);

    /**
     * Brings the webhook's pending retries that are due after {@code waitingBeyond} forward to {@code now}. Callers
     * pass a bound no claim's lease reaches beyond, so that a delivery in flight is never made due again.
     */
    int expedite(String webhookId, Instant waitingBeyond, Instant now);

    /** Newest first. */
    Page<WebhookDelivery> deliveries(String webhookId, PageRequest pageRequest);

    Optional<WebhookDelivery> delivery(String webhookId, String deliveryId);

    /** Makes the delivery pending again, due at {@code at}, keeping its attempt count. @return whether it exists */
    boolean redeliver(String webhookId, String deliveryId, Instant at);

    /**
     * How many deliveries are pending, across organizations, for the operator's metrics. A store may count a
     * delivery that has just finished a moment longer, until its dispatcher passes by.
     */
    long pendingDeliveries();

    /** Forgets events created before {@code cutoff} together with their finished deliveries; pending ones stay. */
    int forgetBefore(Instant cutoff);
}
