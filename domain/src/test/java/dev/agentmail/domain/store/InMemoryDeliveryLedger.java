package dev.agentmail.domain.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A test double that obeys {@link DeliveryLedgerContract}, for tests of the services. */
public class InMemoryDeliveryLedger implements DeliveryLedger {
    private record Attempt(String deliveryId, String recipient) {
    }

    private final Map<Attempt, Instant> attempts = new HashMap<>();

    @Override
    public synchronized boolean recordAttempt(String deliveryId, String recipient, Instant at) {
        return attempts.putIfAbsent(new Attempt(deliveryId, recipient), at) == null;
    }

    @Override
    public synchronized int forgetBefore(Instant cutoff) {
        int before = attempts.size();
        attempts.values().removeIf(at -> at.isBefore(cutoff));
        return before - attempts.size();
    }
}
