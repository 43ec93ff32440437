package dev.agentmail.james.distributed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import com.datastax.oss.driver.internal.core.session.SessionWrapper;

import java.util.regex.Pattern;

/**
 * The session James creates its tables through, translating the compression options of James 3.8.1 that Cassandra
 * 5.0 no longer knows. The messages' and mailboxes' tables ask for LZ4 in chunks of {@code 'chunk_length_kb'}, which
 * Cassandra 4.0 renamed {@code 'chunk_length_in_kb'}, with a {@code 'crc_check_chance'} of 1, which became a table
 * option of that same default. The driver's SessionWrapper (internal, but made for this) passes the rest through.
 */
final class Cassandra5SchemaSession extends SessionWrapper implements CqlSession {
    private static final Pattern CHUNK_LENGTH = Pattern.compile("'chunk_length_kb'");
    private static final Pattern CRC_CHECK_CHANCE = Pattern.compile(",\\s*'crc_check_chance'\\s*:\\s*1(\\.0)?");

    Cassandra5SchemaSession(CqlSession session) {
        super(session);
    }

    @Override
    public <RequestT extends Request, ResultT> ResultT execute(RequestT request, GenericType<ResultT> resultType) {
        if (request instanceof SimpleStatement statement && statement.getQuery().contains("'chunk_length_kb'")) {
            String query = CHUNK_LENGTH.matcher(statement.getQuery()).replaceAll("'chunk_length_in_kb'");
            return super.execute(statement.setQuery(CRC_CHECK_CHANCE.matcher(query).replaceAll("")), resultType);
        }
        return super.execute(request, resultType);
    }
}
