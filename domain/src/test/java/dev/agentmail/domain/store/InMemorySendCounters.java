package dev.agentmail.domain.store;

import dev.agentmail.domain.model.SendWindow;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public class InMemorySendCounters implements SendCounters {
    private final Map<SendWindow, Long> counts = new ConcurrentHashMap<>();

    @Override
    public Map<SendWindow, Long> counts(Collection<SendWindow> windows) {
        Map<SendWindow, Long> found = new HashMap<>();
        for (SendWindow window : windows) {
            found.put(window, counts.getOrDefault(window, 0L));
        }
        return found;
    }

    @Override
    public void add(Map<SendWindow, Long> amounts) {
        amounts.forEach((window, amount) -> counts.merge(window, amount, Long::sum));
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        counts.keySet().removeIf(window -> window.start().isBefore(cutoff));
    }
}
