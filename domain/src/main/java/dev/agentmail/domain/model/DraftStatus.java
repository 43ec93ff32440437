package dev.agentmail.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a draft is on its way out, by its wire names. */
public enum DraftStatus {
    DRAFT, PENDING_APPROVAL, SCHEDULED, SENDING, SENT, FAILED, REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DraftStatus> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(wireName)).findFirst();
    }

    /** A draft in one of these can still be changed, sent, approved or cancelled; the others are history. */
    public boolean open() {
        return this == DRAFT || this == PENDING_APPROVAL || this == SCHEDULED;
    }
}
