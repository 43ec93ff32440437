package dev.agentmail.domain.model;

import java.util.List;
import java.util.function.Function;

/** One page of a list together with the total number of items across all pages. */
public record Page<T>(List<T> data, long total, int page, int pageSize) {
    public Page {
        data = List.copyOf(data);
    }

    public static <T> Page<T> of(List<T> data, long total, PageRequest request) {
        return new Page<>(data, total, request.page(), request.pageSize());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), total, page, pageSize);
    }
}
