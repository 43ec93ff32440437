package dev.agentmail.domain.model;

import java.util.Locale;

public enum Direction {
    INBOUND, OUTBOUND;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
