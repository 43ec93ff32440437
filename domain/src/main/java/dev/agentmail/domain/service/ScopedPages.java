package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a key scoped to inboxes sees of a listing: the few items of its inboxes, picked out of the whole listing and
 * paged again. Listings where this is used are small (an organization's webhooks, keys, an inbox's drafts).
 */
final class ScopedPages {
    private ScopedPages() {
    }

    /** Every item of a paged listing that {@code visible} keeps, in the listing's order. */
    static <T> List<T> all(Function<PageRequest, Page<T>> listing, Predicate<T> visible) {
        List<T> kept = new ArrayList<>();
        Page<T> page;
        int number = 1;
        do {
            page = listing.apply(new PageRequest(number++, PageRequest.MAX_PAGE_SIZE));
            page.data().stream().filter(visible).forEach(kept::add);
        } while ((long) page.page() * page.pageSize() < page.total());
        return kept;
    }

    static <T> Page<T> page(List<T> ordered, PageRequest request) {
        int from = (int) Math.min(ordered.size(), request.offset());
        int to = Math.min(ordered.size(), from + request.pageSize());
        return Page.of(ordered.subList(from, to), ordered.size(), request);
    }
}
