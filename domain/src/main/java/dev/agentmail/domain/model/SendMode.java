package dev.agentmail.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an inbox sends: at once, or only after a person approves each message. */
public enum SendMode {
    DIRECT, APPROVAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SendMode> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(mode -> mode.wireName().equals(wireName)).findFirst();
    }
}
