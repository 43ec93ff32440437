package dev.agentmail.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The durable writes of one delivery in each embedded database engine we could ship, side by side: an index row of
 * about 10 KB and an event row of about 4 KB, committed durably. Once as today, one transaction per delivery from 8
 * delivery threads at once; once grouped, one writer committing the rows of 8 deliveries per transaction. The
 * ingest figure of a whole server depends on much else; this isolates what the engine and the commit pattern cost.
 */
final class DatabaseCommits {
    private static final int THREADS = 8;
    private static final int GROUP = 8;
    private static final String ROW = "x".repeat(10 * 1024);
    private static final String EVENT = "e".repeat(4 * 1024);

    record Engine(String name, String url, String user, String password, String textType) {
    }

    record Result(String engine, double perTransaction, double grouped) {
    }

    static List<Engine> engines(Path work) {
        List<Engine> engines = new ArrayList<>(List.of(
            new Engine("Derby 10.14 (embedded, durable)", "jdbc:derby:" + work.resolve("derby") + ";create=true", "", "", "CLOB"),
            new Engine("H2 2.3 (embedded file)", "jdbc:h2:file:" + work.resolve("h2/db"), "sa", "", "CLOB")));
        Optional.ofNullable(System.getenv("AGENTMAIL_TEST_DB_URL")).ifPresent(url -> engines.add(new Engine(
            "PostgreSQL (local server, fsync on)", url, System.getenv("AGENTMAIL_TEST_DB_USER"),
            System.getenv("AGENTMAIL_TEST_DB_PASSWORD"), "TEXT")));
        return engines;
    }

    static Result measure(Engine engine, int deliveries) throws Exception {
        try (Connection setup = connect(engine); Statement statement = setup.createStatement()) {
            for (String table : List.of("bench_messages", "bench_events")) {
                try {
                    statement.execute("DROP TABLE " + table);
                } catch (SQLException absent) {
                    // first run
                }
            }
            statement.execute("CREATE TABLE bench_messages (id VARCHAR(40) PRIMARY KEY, content " + engine.textType() + ")");
            statement.execute("CREATE TABLE bench_events (id VARCHAR(40) PRIMARY KEY, payload " + engine.textType() + ")");
        }
        double perTransaction = perTransaction(engine, deliveries);
        double grouped = grouped(engine, deliveries);
        return new Result(engine.name(), perTransaction, grouped);
    }

    /** Deliveries per second, each its own transaction, from 8 threads. */
    private static double perTransaction(Engine engine, int deliveries) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    try (Connection connection = connect(engine)) {
                        connection.setAutoCommit(false);
                        for (int i = next.getAndIncrement(); i < deliveries; i = next.getAndIncrement()) {
                            insert(connection, "t" + i);
                            connection.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
        return deliveries / ((System.nanoTime() - start) / 1e9);
    }

    /** Deliveries per second, one writer committing 8 at a time. */
    private static double grouped(Engine engine, int deliveries) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = connect(engine)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < deliveries; i++) {
                insert(connection, "g" + i);
                if (i % GROUP == GROUP - 1) {
                    connection.commit();
                }
            }
            connection.commit();
        }
        return deliveries / ((System.nanoTime() - start) / 1e9);
    }

    private static void insert(Connection connection, String id) throws SQLException {
        try (PreparedStatement message = connection.prepareStatement("INSERT INTO bench_messages VALUES (?, ?)");
             PreparedStatement event = connection.prepareStatement("INSERT INTO bench_events VALUES (?, ?)")) {
            message.setString(1, id);
            message.setString(2, ROW);
            message.executeUpdate();
            event.setString(1, id);
            event.setString(2, EVENT);
            event.executeUpdate();
        }
    }

    private static Connection connect(Engine engine) throws SQLException {
        return DriverManager.getConnection(engine.url(), engine.user(), engine.password());
    }

    /** For a look without the whole harness: prints each engine's figures. */
    static List<Result> run(Path work, int deliveries) throws Exception {
        Files.createDirectories(work);
        List<Result> results = new ArrayList<>();
        for (Engine engine : engines(work)) {
            Result result = measure(engine, deliveries);
            System.out.printf("%s: %.0f deliveries/s one transaction each (%d threads), %.0f/s grouped by %d%n",
                result.engine(), result.perTransaction(), THREADS, result.grouped(), GROUP);
            results.add(result);
        }
        return results;
    }

    static String table(List<Result> results) {
        StringBuilder table = new StringBuilder("| engine | one transaction per delivery, " + THREADS
            + " threads | " + GROUP + " deliveries per transaction, one writer |\n| --- | --- | --- |\n");
        for (Result result : results) {
            table.append(String.format("| %s | %.0f/s | %.0f/s |%n", result.engine(), result.perTransaction(),
                result.grouped()));
        }
        return table.toString();
    }

    private DatabaseCommits() {
    }
}
