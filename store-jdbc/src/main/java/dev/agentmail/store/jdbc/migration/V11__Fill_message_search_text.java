package dev.agentmail.store.jdbc.migration;

import dev.agentmail.store.codec.StoredJson;
import dev.agentmail.store.jdbc.MessageSearchText;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Fills the search column of the messages indexed before it existed, from their stored content. */
public class V11__Fill_message_search_text extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        ColumnRewrite.run(context.getConnection(), "SELECT id, content FROM messages WHERE search_text IS NULL",
            "UPDATE messages SET search_text = ? WHERE id = ?", (update, row) ->
                update.setString(1, MessageSearchText.of(StoredJson.readContent(row.getString("content")))));
    }
}
