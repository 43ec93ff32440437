package dev.agentmail.app;

import java.util.Objects;

/** A setting that must never reach a log or an error message: it prints as a mark that it is set, never as itself. */
record Secret(String value) {
    Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "(secret)";
    }
}
