package dev.agentmail.api.dto;

import dev.agentmail.domain.model.Page;

import java.util.List;
import java.util.function.Function;

public record PageResponse<T>(List<T> data, long total, int page, int pageSize) {
    public static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
        return new PageResponse<>(page.data().stream().map(mapper).toList(), page.total(), page.page(), page.pageSize());
    }
}
