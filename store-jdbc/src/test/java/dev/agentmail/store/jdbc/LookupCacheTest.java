package dev.agentmail.store.jdbc;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LookupCacheTest {
    private final LookupCache<String, String> cache = new LookupCache<>(10);
    private final AtomicInteger lookups = new AtomicInteger();

    private String lookUp(String value) {
        return cache.get("key", () -> {
            lookups.incrementAndGet();
            return value;
        });
    }

    @Test
    void keepsAnAnswerUntilForgotten() {
        assertThat(lookUp("first")).isEqualTo("first");
        assertThat(lookUp("second")).isEqualTo("first");
        assertThat(lookups).hasValue(1);

        cache.forget();

        assertThat(lookUp("second")).isEqualTo("second");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aLookupThatAWriteOvertookKeepsNothing() {
        String stale = cache.get("key", () -> {
            cache.forget(); // a write commits while this lookup still holds what it read before
            return "before the write";
        });

        assertThat(stale).isEqualTo("before the write");
        assertThat(lookUp("after the write")).isEqualTo("after the write");
    }
}
