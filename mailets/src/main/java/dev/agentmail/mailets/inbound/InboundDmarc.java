package dev.agentmail.mailets.inbound;

import java.util.Locale;

/** AGENTMAIL_INBOUND_DMARC: record the DMARC result only, or also do what the sender domain's policy asks. */
public enum InboundDmarc {
    MONITOR, ENFORCE;

    public static InboundDmarc parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "monitor" -> MONITOR;
            case "enforce" -> ENFORCE;
            default -> throw new IllegalArgumentException("must be monitor or enforce, got '" + value + "'");
        };
    }
}
