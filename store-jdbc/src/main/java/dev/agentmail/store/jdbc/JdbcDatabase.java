package dev.agentmail.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A pooled connection to our database, its schema brought up to date by Flyway when it opens. */
public class JdbcDatabase implements AutoCloseable {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(JdbcDatabase.class);
    private static final String DERBY = "jdbc:derby:";
    private static final String H2 = "jdbc:h2:";
    private static final String IN_MEMORY_H2 = "jdbc:h2:mem:";
    private static final Duration H2_LOCK_TIMEOUT = Duration.ofSeconds(30);
    /** SQL migrations, and the Java ones that compute what SQL cannot. */
    static final String[] MIGRATIONS = {"classpath:db/migration", "classpath:dev/agentmail/store/jdbc/migration"};

    /**
     * Booting embedded Derby (or reaching a database still starting) can take longer than one request may wait;
     * start-up keeps trying for this long before it gives up.
     */
    static final Duration STARTUP_PATIENCE = Duration.ofSeconds(60);

    private final String url;
    private final HikariDataSource dataSource;

    public JdbcDatabase(String url, Optional<String> user, Optional<String> password) {
        this(url, user, password, STARTUP_PATIENCE);
    }

    JdbcDatabase(String url, Optional<String> user, Optional<String> password, Duration startupPatience) {
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(16);
        // A request waits this long for the database before it answers 503.
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(startupPatience.toMillis());
        config.setPoolName("agentmail");
        if (url.startsWith(H2)) {
            // H2 gives up on a row lock after 1 s, where Derby waits 60 s and PostgreSQL until it gets it: on a busy
            // machine, deliveries into one thread then failed while a delete of its last message committed.
            config.setConnectionInitSql("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT.toMillis());
        }
        dataSource = new HikariDataSource(config);
        try {
            migrations(dataSource, url).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** Our schema's migrations, for the database at {@code url}. */
    static FluentConfiguration migrations(DataSource dataSource, String url) {
        return Flyway.configure().dataSource(dataSource).locations(MIGRATIONS)
            .placeholders(Map.of("text", url.startsWith(DERBY) ? "CLOB" : "TEXT"));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dropInMemoryH2();
        dataSource.close();
        shutDownEmbeddedDerby();
    }

    /** An in-memory H2 is kept while the JVM runs ({@code DB_CLOSE_DELAY=-1}), so dropped here: tests start many. */
    private void dropInMemoryH2() {
        if (!url.startsWith(IN_MEMORY_H2)) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOGGER.warn("Could not drop the in-memory database: {}", e.getMessage());
        }
    }

    /**
     * Embedded Derby lives in this JVM: a file database is shut down so that the next start needs no recovery,
     * and an in-memory one is dropped, since it would otherwise outlive the server (tests start many).
     */
    private void shutDownEmbeddedDerby() {
        if (!url.startsWith(DERBY)) {
            return;
        }
        String database = url.substring(DERBY.length()).split(";", 2)[0];
        String action = database.startsWith("memory:") ? ";drop=true" : ";shutdown=true";
        try {
            DriverManager.getConnection(DERBY + database + action).close();
        } catch (SQLException expected) {
            // Derby reports a successful drop or shutdown as an exception (SQLState 08006).
        }
    }
}
