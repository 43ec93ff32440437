package dev.agentmail.store.cassandra;

import dev.agentmail.domain.model.SendLimit;
import dev.agentmail.domain.store.SendLimitOverrides;

import javax.inject.Inject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

public class CassandraSendLimitOverrides implements SendLimitOverrides {
    private final Cql cql;

    @Inject
    public CassandraSendLimitOverrides(CassandraStore store) {
        this.cql = store.cql();
    }

    @Override
    public Map<SendLimit, Integer> of(String organizationId) {
        Map<SendLimit, Integer> overrides = new EnumMap<>(SendLimit.class);
        cql.one(row -> row.getMap("limits", String.class, Integer.class),
                "SELECT limits FROM send_limit_overrides WHERE organization_id = ?", organizationId)
            .ifPresent(stored -> stored.forEach((limit, value) -> overrides.put(SendLimit.valueOf(limit), value)));
        return overrides;
    }

    @Override
    public void replace(String organizationId, Map<SendLimit, Integer> overrides) {
        if (overrides.isEmpty()) {
            cql.execute("DELETE FROM send_limit_overrides WHERE organization_id = ?", organizationId);
            return;
        }
        Map<String, Integer> stored = new HashMap<>();
        overrides.forEach((limit, value) -> stored.put(limit.name(), value));
        cql.execute("INSERT INTO send_limit_overrides (organization_id, limits) VALUES (?, ?)", organizationId, stored);
    }
}
