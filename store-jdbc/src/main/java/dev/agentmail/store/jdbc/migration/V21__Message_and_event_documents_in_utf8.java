package dev.agentmail.store.jdbc.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps the documents written with every delivered message (its content, what reading it found, its event's payload)
 * as UTF-8 bytes instead of text: Derby writes a character column one character at a time into its log and its
 * pages, which profiling showed as the largest single cost of ingest, and writes bytes as blocks. BLOB on Derby and
 * H2, BYTEA on PostgreSQL; the rows already there are converted.
 */
public class V21__Message_and_event_documents_in_utf8 extends BaseJavaMigration {
    private record Column(String table, String name, boolean required) {
    }

    private static final Column[] COLUMNS = {
        new Column("messages", "content", true), new Column("messages", "analysis", false),
        new Column("events", "payload", true)};

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName();
        for (Column column : COLUMNS) {
            if (product.contains("Derby")) {
                toBlob(connection, column, "RENAME COLUMN " + column.table + "." + column.name + "_utf8 TO "
                    + column.name, " NOT NULL");
            } else if (product.contains("H2")) {
                toBlob(connection, column, "ALTER TABLE " + column.table + " ALTER COLUMN " + column.name
                    + "_utf8 RENAME TO " + column.name, " SET NOT NULL");
            } else {
                execute(connection, "ALTER TABLE " + column.table + " ALTER COLUMN " + column.name
                    + " TYPE BYTEA USING convert_to(" + column.name + ", 'UTF8')");
            }
        }
    }

    /** Derby cannot change a column's type: a new column, filled from the old one, takes its place and name. */
    private static void toBlob(Connection connection, Column column, String rename, String notNull)
        throws SQLException {
        String utf8 = column.name + "_utf8";
        execute(connection, "ALTER TABLE " + column.table + " ADD COLUMN " + utf8 + " BLOB");
        ColumnRewrite.run(connection, "SELECT id, " + column.name + " FROM " + column.table + " WHERE " + column.name
                + " IS NOT NULL", "UPDATE " + column.table + " SET " + utf8 + " = ? WHERE id = ?",
            (update, row) -> update.setBytes(1, row.getString(column.name).getBytes(StandardCharsets.UTF_8)));
        execute(connection, "ALTER TABLE " + column.table + " DROP COLUMN " + column.name);
        execute(connection, rename);
        if (column.required) {
            execute(connection, "ALTER TABLE " + column.table + " ALTER COLUMN " + column.name + notNull);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
