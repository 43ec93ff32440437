package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.util.List;

/** One page of what a key scoped to inboxes sees, cut from the few items of its inboxes, already in order. */
final class ScopedPages {
    private ScopedPages() {
    }

    static <T> Page<T> page(List<T> ordered, PageRequest request) {
        int from = (int) Math.min(ordered.size(), request.offset());
        int to = Math.min(ordered.size(), from + request.pageSize());
        return Page.of(ordered.subList(from, to), ordered.size(), request);
    }
}
