package dev.agentmail.domain.model;

import dev.agentmail.domain.error.InvalidInputException;

/** A page of a list: 1-based {@code page}, {@code pageSize} between 1 and {@link #MAX_PAGE_SIZE}. */
public record PageRequest(int page, int pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** Deeper pages than this are refused: an offset this large is a client bug, not a use case. */
    public static final int MAX_PAGE = 1_000_000;

    public PageRequest {
        if (page < 1 || page > MAX_PAGE) {
            throw new InvalidInputException("page", "page must be between 1 and " + MAX_PAGE);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("page_size", "page_size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    public static PageRequest first() {
        return new PageRequest(1, DEFAULT_PAGE_SIZE);
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }
}
