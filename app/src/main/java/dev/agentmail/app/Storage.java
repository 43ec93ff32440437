package dev.agentmail.app;

import java.util.Locale;
import java.util.Optional;

/**
 * Where everything is kept. {@code embedded} (the default) keeps James's stores, the mail spool and our data
 * under the data dir on Derby and ActiveMQ; setting AGENTMAIL_DB_URL moves the database to PostgreSQL;
 * {@code memory} keeps everything in memory, for fast tests.
 */
public record Storage(Kind kind, Optional<String> databaseUrl, Optional<String> user, Optional<String> password) {
    public enum Kind {
        MEMORY, EMBEDDED, EXTERNAL_DATABASE
    }

    static Storage from(Optional<String> storage, Optional<String> databaseUrl, Optional<String> user,
                        Optional<String> password) {
        String name = storage.orElse("embedded").toLowerCase(Locale.ROOT);
        switch (name) {
            case "memory":
                if (databaseUrl.isPresent()) {
                    throw new IllegalArgumentException("AGENTMAIL_DB_URL cannot be used with AGENTMAIL_STORAGE=memory");
                }
                return new Storage(Kind.MEMORY, Optional.empty(), Optional.empty(), Optional.empty());
            case "embedded":
            case "postgres":
            case "postgresql":
                if (databaseUrl.isPresent()) {
                    if (!databaseUrl.get().startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("AGENTMAIL_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
                    }
                    return new Storage(Kind.EXTERNAL_DATABASE, databaseUrl, user, password);
                }
                if (!name.equals("embedded")) {
                    throw new IllegalArgumentException("AGENTMAIL_STORAGE=" + name + " needs AGENTMAIL_DB_URL");
                }
                return new Storage(Kind.EMBEDDED, Optional.empty(), Optional.empty(), Optional.empty());
            default:
                throw new IllegalArgumentException("AGENTMAIL_STORAGE must be 'embedded' or 'memory', got '" + name + "'");
        }
    }

    public boolean persistent() {
        return kind != Kind.MEMORY;
    }
}
