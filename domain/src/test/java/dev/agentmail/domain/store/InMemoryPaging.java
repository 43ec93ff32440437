package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.util.List;

/** Cuts one page out of a list the in-memory repositories have already sorted. */
final class InMemoryPaging {
    private InMemoryPaging() {
    }

    static <T> Page<T> page(List<T> sorted, PageRequest request) {
        int from = (int) Math.min(request.offset(), sorted.size());
        int to = Math.min(from + request.pageSize(), sorted.size());
        return Page.of(sorted.subList(from, to), sorted.size(), request);
    }
}
