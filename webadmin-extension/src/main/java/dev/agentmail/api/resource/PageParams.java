package dev.agentmail.api.resource;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.PageRequest;

/** Reads {@code page} and {@code page_size} query parameters, answering 400 rather than guessing. */
public final class PageParams {
    private PageParams() {
    }

    public static PageRequest parse(String page, String pageSize) {
        return new PageRequest(parseInt("page", page, 1), parseInt("page_size", pageSize, PageRequest.DEFAULT_PAGE_SIZE));
    }

    private static int parseInt(String name, String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a whole number");
        }
    }
}
