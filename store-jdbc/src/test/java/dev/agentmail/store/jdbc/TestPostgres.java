package dev.agentmail.store.jdbc;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL server that `./agentmail test` starts (AGENTMAIL_TEST_DB_URL and credentials). Each caller gets
 * a database of its own. Without that server the PostgreSQL tests are skipped, saying how to run them.
 */
public final class TestPostgres {
    private static final String URL = System.getenv("AGENTMAIL_TEST_DB_URL");
    private static final String USER = System.getenv("AGENTMAIL_TEST_DB_USER");
    private static final String PASSWORD = System.getenv("AGENTMAIL_TEST_DB_PASSWORD");

    private TestPostgres() {
    }

    public static void assumeAvailable() {
        Assumptions.assumeTrue(URL != null,
            "AGENTMAIL_TEST_DB_URL is not set: run `./agentmail test` to test the PostgreSQL backend");
    }

    /** @return the JDBC URL of a new, empty database */
    public static String newDatabase() {
        assumeAvailable();
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + URL, e);
        }
        return URL.substring(0, URL.lastIndexOf('/') + 1) + name;
    }

    /**
     * Cuts a database off, as an outage would: refuses new connections and ends the open ones. {@code true}
     * brings it back.
     */
    public static void allowConnections(String databaseUrl, boolean allowed) {
        String name = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not change access to " + name, e);
        }
    }

    public static Optional<String> user() {
        return Optional.ofNullable(USER);
    }

    public static Optional<String> password() {
        return Optional.ofNullable(PASSWORD);
    }

    public static JdbcDatabase freshDatabase() {
        return new JdbcDatabase(newDatabase(), user(), password());
    }
}
