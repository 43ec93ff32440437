package dev.agentmail.store.jdbc;

import dev.agentmail.domain.store.DeliveryLedger;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;

public class JdbcDeliveryLedger implements DeliveryLedger {
    private final Jdbc jdbc;

    @Inject
    public JdbcDeliveryLedger(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** The primary key decides: a second insert of the same attempt is a unique violation. */
    @Override
    public boolean recordAttempt(String deliveryId, String recipient, Instant at) {
        try {
            jdbc.update("INSERT INTO delivery_ledger (delivery_id, recipient, attempted_at) VALUES (?, ?, ?)",
                deliveryId, recipient, at.toEpochMilli());
            return true;
        } catch (SQLException e) {
            if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw Jdbc.failure(e);
        }
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return jdbc.updateOrFail("DELETE FROM delivery_ledger WHERE attempted_at < ?", cutoff.toEpochMilli());
    }
}
