package dev.agentmail.domain.store;

import java.time.Instant;

/**
 * Remembers which local deliveries were attempted, so that mail redelivered by the spool after a crash is not
 * stored twice. An attempt is recorded before the message is appended to the mailbox.
 */
public interface DeliveryLedger {
    /** @return true for the first attempt of this delivery to this recipient, false when one was recorded before */
    boolean recordAttempt(String deliveryId, String recipient, Instant at);

    /** Forgets attempts older than {@code cutoff}: the spool redelivers within minutes, not weeks. */
    int forgetBefore(Instant cutoff);
}
