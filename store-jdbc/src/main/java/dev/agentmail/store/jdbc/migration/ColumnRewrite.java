package dev.agentmail.store.jdbc.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A migration's rewrite of one column, row by row, for tables whose rows are named by an {@code id} column. */
final class ColumnRewrite {
    private static final int CHUNK = 500;

    /** The new value of the row {@code select} is on, as the update's first parameter. */
    interface NewValue {
        void bind(PreparedStatement update, ResultSet row) throws SQLException;
    }

    private ColumnRewrite() {
    }

    /**
     * Reads the rows of {@code select} (which selects {@code id}) in chunks, since PostgreSQL would otherwise hold
     * them all in memory, and writes each one's new value with {@code update} ({@code ... = ? WHERE id = ?}) in
     * batches.
     */
    static void run(Connection connection, String select, String update, NewValue value) throws SQLException {
        try (Statement reader = connection.createStatement();
             PreparedStatement writer = connection.prepareStatement(update)) {
            reader.setFetchSize(CHUNK);
            try (ResultSet rows = reader.executeQuery(select)) {
                int pending = 0;
                while (rows.next()) {
                    value.bind(writer, rows);
                    writer.setString(2, rows.getString("id"));
                    writer.addBatch();
                    if (++pending == CHUNK) {
                        writer.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    writer.executeBatch();
                }
            }
        }
    }
}
