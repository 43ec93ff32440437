package dev.agentmail.app;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where everything is kept. {@code embedded} (the default) keeps James's stores, the mail spool and our data
 * under the data dir on Derby and ActiveMQ; setting AGENTMAIL_DB_URL moves the database to PostgreSQL;
 * {@code memory} keeps everything in memory, for fast tests; {@code distributed} runs on Cassandra, OpenSearch and
 * RabbitMQ shared by several nodes.
 */
public record Storage(Kind kind, Optional<String> databaseUrl, Optional<String> user, Optional<String> password,
                      Optional<ClusterSettings> cluster) {
    public enum Kind {
        MEMORY, EMBEDDED, EXTERNAL_DATABASE, DISTRIBUTED
    }

    static Storage from(Function<String, Optional<String>> env) {
        Optional<String> databaseUrl = env.apply("AGENTMAIL_DB_URL");
        Optional<String> user = env.apply("AGENTMAIL_DB_USER");
        Optional<String> password = env.apply("AGENTMAIL_DB_PASSWORD");
        String name = env.apply("AGENTMAIL_STORAGE").orElse("embedded").toLowerCase(Locale.ROOT);
        switch (name) {
            case "memory":
            case "distributed":
                if (databaseUrl.isPresent()) {
                    throw new IllegalArgumentException("AGENTMAIL_DB_URL cannot be used with AGENTMAIL_STORAGE=" + name);
                }
                return name.equals("memory")
                    ? new Storage(Kind.MEMORY, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())
                    : new Storage(Kind.DISTRIBUTED, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(ClusterSettings.from(env)));
            case "embedded":
            case "postgres":
            case "postgresql":
                if (databaseUrl.isPresent()) {
                    if (!databaseUrl.get().startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("AGENTMAIL_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
                    }
                    return new Storage(Kind.EXTERNAL_DATABASE, databaseUrl, user, password, Optional.empty());
                }
                if (!name.equals("embedded")) {
                    throw new IllegalArgumentException("AGENTMAIL_STORAGE=" + name + " needs AGENTMAIL_DB_URL");
                }
                return new Storage(Kind.EMBEDDED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            default:
                throw new IllegalArgumentException("AGENTMAIL_STORAGE must be 'embedded', 'postgres', 'distributed' or 'memory', got '"
                    + name + "'");
        }
    }
}
