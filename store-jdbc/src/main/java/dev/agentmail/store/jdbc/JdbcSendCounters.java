package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.SendWindow;
import dev.agentmail.domain.store.SendCounters;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each add is one atomic UPDATE of its row, or the INSERT that makes it; the two databases share that SQL. */
public class JdbcSendCounters implements SendCounters {
    private final Jdbc jdbc;

    @Inject
    public JdbcSendCounters(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Map<SendWindow, Long> counts(Collection<SendWindow> windows) {
        Map<SendWindow, Long> counts = new HashMap<>();
        if (windows.isEmpty()) {
            return counts;
        }
        List<Object> parameters = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (SendWindow window : windows) {
            counts.put(window, 0L);
            conditions.add("(subject = ? AND window_start = ?)");
            parameters.add(window.subject());
            parameters.add(window.start().toEpochMilli());
        }
        jdbc.query("SELECT subject, window_start, sent FROM send_counters WHERE " + String.join(" OR ", conditions),
                row -> Map.entry(new SendWindow(row.getString("subject"), Instant.ofEpochMilli(row.getLong("window_start"))),
                    row.getLong("sent")), parameters.toArray())
            .forEach(counted -> counts.put(counted.getKey(), counted.getValue()));
        return counts;
    }

    @Override
    public void add(Map<SendWindow, Long> amounts) {
        // In one order, so that concurrent adds never wait on each other's rows crosswise.
        amounts.entrySet().stream()
            .sorted(Map.Entry.comparingByKey(Comparator.comparing(SendWindow::subject).thenComparing(SendWindow::start)))
            .forEach(entry -> add(entry.getKey(), entry.getValue()));
    }

    private void add(SendWindow window, long amount) {
        long start = window.start().toEpochMilli();
        try {
            if (increment(window.subject(), start, amount)) {
                return;
            }
            try {
                jdbc.update("INSERT INTO send_counters (subject, window_start, sent) VALUES (?, ?, ?)",
                    window.subject(), start, amount);
            } catch (SQLException e) {
                if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState()) || !increment(window.subject(), start, amount)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Another add made the row first: then it is there to update. */
    private boolean increment(String subject, long start, long amount) throws SQLException {
        return jdbc.update("UPDATE send_counters SET sent = sent + ? WHERE subject = ? AND window_start = ?", amount,
            subject, start) > 0;
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        jdbc.updateOrFail("DELETE FROM send_counters WHERE window_start < ?", cutoff.toEpochMilli());
    }
}
