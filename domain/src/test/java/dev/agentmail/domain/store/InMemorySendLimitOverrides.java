package dev.agentmail.domain.store;

import dev.agentmail.domain.model.SendLimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public class InMemorySendLimitOverrides implements SendLimitOverrides {
    private final Map<String, Map<SendLimit, Integer>> overrides = new ConcurrentHashMap<>();

    @Override
    public Map<SendLimit, Integer> of(String organizationId) {
        return overrides.getOrDefault(organizationId, Map.of());
    }

    @Override
    public void replace(String organizationId, Map<SendLimit, Integer> values) {
        if (values.isEmpty()) {
            overrides.remove(organizationId);
        } else {
            overrides.put(organizationId, Map.copyOf(values));
        }
    }
}
