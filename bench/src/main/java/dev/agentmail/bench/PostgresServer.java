package dev.agentmail.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** A PostgreSQL server on this machine that the bench gives each run of the PostgreSQL profile a new database on. */
record PostgresServer(String url, String user, String password) {

    /** The server's settings for a database no earlier run has written to. */
    Map<String, String> newDatabase() throws SQLException {
        String name = "bench_" + Long.toHexString(System.nanoTime());
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("AGENTMAIL_DB_URL", url.substring(0, url.lastIndexOf('/') + 1) + name);
        settings.put("AGENTMAIL_DB_USER", user);
        settings.put("AGENTMAIL_DB_PASSWORD", password);
        return settings;
    }

    @Override
    public String toString() {
        return "PostgresServer[" + url + "]";
    }
}
