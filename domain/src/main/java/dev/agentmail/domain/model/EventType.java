package dev.agentmail.domain.model;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of events webhooks and the event stream tell of, by their wire names. */
public enum EventType {
    MESSAGE_RECEIVED("message.received"),
    MESSAGE_SENT("message.sent"),
    MESSAGE_DELIVERED("message.delivered"),
    MESSAGE_BOUNCED("message.bounced"),
    MESSAGE_COMPLAINED("message.complained"),
    MESSAGE_REJECTED("message.rejected"),
    DOMAIN_VERIFIED("domain.verified"),
    DRAFT_CREATED("draft.created"),
    DRAFT_PENDING_APPROVAL("draft.pending_approval"),
    DRAFT_APPROVED("draft.approved"),
    DRAFT_REJECTED("draft.rejected"),
    DRAFT_SENT("draft.sent");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
