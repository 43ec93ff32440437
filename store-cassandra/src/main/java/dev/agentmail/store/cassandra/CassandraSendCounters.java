package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.SendWindow;
import dev.agentmail.domain.store.SendCounters;

import javax.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cassandra counters: an add is an increment every replica merges, never lost to a concurrent one and never a
 * lightweight transaction. Counters cannot expire, so old windows are found by a scan of the partition keys.
 */
public class CassandraSendCounters implements SendCounters {
    private final Cql cql;

    @Inject
    public CassandraSendCounters(CassandraStore store) {
        this.cql = store.cql();
    }

    @Override
    public Map<SendWindow, Long> counts(Collection<SendWindow> windows) {
        Map<SendWindow, Long> counts = new HashMap<>();
        List<BoundStatement> lookups = new ArrayList<>();
        for (SendWindow window : windows) {
            counts.put(window, 0L);
            lookups.add(cql.bind("SELECT subject, window_start, sent FROM send_counters WHERE subject = ?"
                + " AND window_start = ?", window.subject(), window.start()));
        }
        cql.fetchAll(lookups, Optional::of).forEach(row -> counts.put(window(row), row.getLong("sent")));
        return counts;
    }

    @Override
    public void add(Map<SendWindow, Long> amounts) {
        List<BoundStatement> increments = amounts.entrySet().stream()
            .map(amount -> cql.bind("UPDATE send_counters SET sent = sent + ? WHERE subject = ? AND window_start = ?",
                amount.getValue(), amount.getKey().subject(), amount.getKey().start()))
            .toList();
        if (!increments.isEmpty()) {
            cql.execute(BatchStatement.newInstance(BatchType.COUNTER).addAll(increments));
        }
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        for (SendWindow window : cql.all(CassandraSendCounters::window,
            "SELECT DISTINCT subject, window_start FROM send_counters")) {
            if (window.start().isBefore(cutoff)) {
                cql.execute("DELETE FROM send_counters WHERE subject = ? AND window_start = ?", window.subject(),
                    window.start());
            }
        }
    }

    private static SendWindow window(Row row) {
        return new SendWindow(row.getString("subject"), row.getInstant("window_start"));
    }
}
