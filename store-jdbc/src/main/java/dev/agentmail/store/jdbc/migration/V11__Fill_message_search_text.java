package dev.agentmail.store.jdbc.migration;

import dev.agentmail.store.codec.StoredJson;
import dev.agentmail.store.jdbc.MessageSearchText;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/** Fills the search column of the messages indexed before it existed, from their stored content. */
public class V11__Fill_message_search_text extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement select = connection.createStatement();
             PreparedStatement update = connection.prepareStatement("UPDATE messages SET search_text = ? WHERE id = ?")) {
            // Read in chunks (PostgreSQL would otherwise hold every row in memory), written in batches.
            select.setFetchSize(500);
            try (ResultSet rows = select.executeQuery("SELECT id, content FROM messages WHERE search_text IS NULL")) {
                int pending = 0;
                while (rows.next()) {
                    update.setString(1, MessageSearchText.of(StoredJson.readContent(rows.getString("content"))));
                    update.setString(2, rows.getString("id"));
                    update.addBatch();
                    if (++pending == 500) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
            }
        }
    }
}
