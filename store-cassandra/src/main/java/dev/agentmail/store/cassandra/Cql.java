package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.agentmail.domain.store.StorageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/** The little CQL our repositories need: statements prepared once, rows mapped, driver failures made ours. */
final class Cql {
    private final CqlSession session;
    private final ConcurrentMap<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    Cql(CqlSession session) {
        this.session = session;
    }

    BoundStatement bind(String cql, Object... values) {
        PreparedStatement statement = prepared.computeIfAbsent(cql, text -> {
            try {
                return session.prepare(text);
            } catch (DriverException e) {
                throw failure(e);
            }
        });
        return statement.bind(values);
    }

    ResultSet execute(Statement<?> statement) {
        try {
            return session.execute(statement);
        } catch (DriverException e) {
            throw failure(e);
        }
    }

    ResultSet execute(String cql, Object... values) {
        return execute(bind(cql, values));
    }

    <T> Optional<T> one(Function<Row, T> mapper, String cql, Object... values) {
        return Optional.ofNullable(execute(cql, values).one()).map(mapper);
    }

    /** Every row, the driver fetching page after page. */
    <T> List<T> all(Function<Row, T> mapper, String cql, Object... values) {
        List<T> result = new ArrayList<>();
        try {
            for (Row row : execute(cql, values)) {
                result.add(mapper.apply(row));
            }
        } catch (DriverException e) {
            throw failure(e);
        }
        return result;
    }

    long count(String cql, Object... values) {
        return execute(cql, values).one().getLong(0);
    }

    /** Runs a lightweight transaction: @return whether its condition held and it was applied */
    boolean applied(String cql, Object... values) {
        return execute(cql, values).wasApplied();
    }

    /**
     * Writes to several tables as one: a logged batch is applied whole or, after a failure, completed by
     * Cassandra's batch log; never half. Only for small rows: Cassandra refuses batches over 50 KiB.
     */
    void logged(List<BoundStatement> statements) {
        if (statements.size() == 1) {
            execute(statements.get(0));
        } else if (!statements.isEmpty()) {
            execute(BatchStatement.newInstance(BatchType.LOGGED).addAll(statements));
        }
    }

    /** Reads rows by their keys in parallel, in the order of the keys, leaving out the keys that have no row. */
    <T> List<T> fetchAll(List<BoundStatement> lookups, Function<Row, Optional<T>> mapper) {
        List<CompletableFuture<AsyncResultSet>> pending = lookups.stream()
            .map(lookup -> session.executeAsync(lookup).toCompletableFuture())
            .toList();
        List<T> result = new ArrayList<>();
        for (CompletableFuture<AsyncResultSet> future : pending) {
            try {
                Row row = future.join().one();
                if (row != null) {
                    mapper.apply(row).ifPresent(result::add);
                }
            } catch (CompletionException e) {
                throw e.getCause() instanceof DriverException driverException ? failure(driverException) : e;
            }
        }
        return result;
    }

    /** The message names the kind of failure, never the values, which may hold secrets. */
    static StorageException failure(DriverException e) {
        return new StorageException("Cassandra operation failed (" + e.getClass().getSimpleName() + ")", e);
    }
}
