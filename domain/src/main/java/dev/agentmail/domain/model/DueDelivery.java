package dev.agentmail.domain.model;

/** A delivery whose time has come, claimed by one dispatcher, with what it needs to make the attempt. */
public record DueDelivery(String deliveryId, int attempts, Webhook webhook, StoredEvent event) {
}
