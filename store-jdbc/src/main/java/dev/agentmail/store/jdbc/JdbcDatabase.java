package dev.agentmail.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/** A pooled connection to our database, its schema brought up to date by Flyway when it opens. */
public class JdbcDatabase implements AutoCloseable {
    private static final String DERBY_MEMORY = "jdbc:derby:memory:";

    private final String url;
    private final HikariDataSource dataSource;

    public JdbcDatabase(String url, Optional<String> user, Optional<String> password) {
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(16);
        config.setConnectionTimeout(10_000);
        config.setPoolName("agentmail");
        dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        dropIfInMemory();
    }

    /** An in-memory Derby database outlives its connections until dropped; tests start many servers. */
    private void dropIfInMemory() {
        if (!url.startsWith(DERBY_MEMORY)) {
            return;
        }
        String name = url.substring(DERBY_MEMORY.length()).split(";", 2)[0];
        try {
            DriverManager.getConnection(DERBY_MEMORY + name + ";drop=true").close();
        } catch (SQLException expected) {
            // Derby reports a successful drop as SQLState 08006.
        }
    }
}
