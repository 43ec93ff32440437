package dev.agentmail.store.jdbc;

import dev.agentmail.domain.store.StorageException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The little JDBC our repositories need: parameters bound in order, rows mapped, SQL errors made unchecked. */
final class Jdbc {
    static final String UNIQUE_VIOLATION = "23505";
    private static final int STREAMED_ROWS = 1_000;

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    interface Work {
        void run(Connection connection) throws SQLException;
    }

    interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The database's product name, as its driver gives it. */
    String productName() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Runs the work on one connection in one transaction: all of it is stored, or none. */
    void inTransaction(Work work) {
        inTransactionReturning(connection -> {
            work.run(connection);
            return null;
        });
    }

    /** Runs the work on one connection in one transaction, committed unless the work rolled it back itself. */
    <T> T inTransactionReturning(Transaction<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                // The pool may have closed a broken connection: what broke it is the error to report.
                try {
                    connection.rollback();
                    connection.setAutoCommit(true);
                } catch (SQLException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
            connection.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql, mapper, parameters);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
        throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    /** Hands the rows to the reader one by one, never holding them all: PostgreSQL streams them only in a transaction. */
    void forEach(String sql, RowReader reader, Object... parameters) {
        inTransaction(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.setFetchSize(STREAMED_ROWS);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        });
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        return query(sql, mapper, parameters).stream().findFirst();
    }

    long count(String sql, Object... parameters) {
        return queryOne(sql, row -> row.getLong(1), parameters).orElse(0L);
    }

    int updateOrFail(String sql, Object... parameters) {
        try {
            return update(sql, parameters);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The message names the operation, never the values, which may hold secrets. */
    static StorageException failure(SQLException e) {
        return new StorageException("database operation failed (SQLState " + e.getSQLState() + ")", e);
    }

    static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
        throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else if (parameter instanceof NullLong) {
                    statement.setNull(i + 1, Types.BIGINT);
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** A NULL bound as BIGINT: PostgreSQL refuses a VARCHAR NULL in a BIGINT column. */
    enum NullLong {
        INSTANCE
    }

    static Object nullableMillis(Optional<Instant> instant) {
        return instant.<Object>map(Instant::toEpochMilli).orElse(NullLong.INSTANCE);
    }
}
