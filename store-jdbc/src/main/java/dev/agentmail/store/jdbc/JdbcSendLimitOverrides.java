package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.SendLimit;
import dev.agentmail.domain.store.SendLimitOverrides;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.util.EnumMap;
import java.util.Map;

public class JdbcSendLimitOverrides implements SendLimitOverrides {
    private final Jdbc jdbc;

    @Inject
    public JdbcSendLimitOverrides(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Map<SendLimit, Integer> of(String organizationId) {
        Map<SendLimit, Integer> overrides = new EnumMap<>(SendLimit.class);
        jdbc.query("SELECT send_limit, limit_value FROM send_limit_overrides WHERE organization_id = ?",
            row -> overrides.put(SendLimit.valueOf(row.getString("send_limit")), row.getInt("limit_value")),
            organizationId);
        return overrides;
    }

    @Override
    public void replace(String organizationId, Map<SendLimit, Integer> overrides) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "DELETE FROM send_limit_overrides WHERE organization_id = ?", organizationId);
            for (Map.Entry<SendLimit, Integer> override : overrides.entrySet()) {
                Jdbc.update(connection, "INSERT INTO send_limit_overrides (organization_id, send_limit, limit_value)"
                    + " VALUES (?, ?, ?)", organizationId, override.getKey().name(), override.getValue());
            }
        });
    }
}
