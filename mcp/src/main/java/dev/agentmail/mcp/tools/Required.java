package dev.agentmail.mcp.tools;

import dev.agentmail.domain.error.InvalidInputException;

/** Ids the API takes from the path are arguments here: their absence is worded as the API words a missing field. */
final class Required {
    private Required() {
    }

    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }
}
