package dev.agentmail.store.opensearch;

import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.domain.store.MessageRepositoryContract;
import dev.agentmail.store.cassandra.CassandraMessageStore;
import dev.agentmail.store.cassandra.CassandraStore;
import dev.agentmail.store.cassandra.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The message repository contract on Cassandra and OpenSearch together, as the distributed profile runs them: one
 * keyspace for the class, emptied before each test, and the index made anew for each.
 */
class DistributedMessageRepositoryContractTest implements MessageRepositoryContract {
    private static CassandraStore store;
    private static OpenSearchConnection connection;
    private DistributedMessageRepository repository;

    @BeforeAll
    static void open() {
        TestOpenSearch.assumeAvailable();
        store = CassandraStore.open(TestCassandra.newKeyspace());
        connection = OpenSearchConnection.open(TestOpenSearch.newIndexPrefix());
    }

    @AfterAll
    static void close() {
        if (connection != null) {
            TestOpenSearch.deleteIndex(connection, OpenSearchMessageIndex.INDEX);
            connection.close();
        }
        if (store != null) {
            TestCassandra.dropKeyspace(store);
            store.close();
        }
    }

    @BeforeEach
    void empty() {
        TestCassandra.emptyTables(store);
        TestOpenSearch.deleteIndex(connection, OpenSearchMessageIndex.INDEX);
        repository = new DistributedMessageRepository(new CassandraMessageStore(store), new OpenSearchMessageIndex(connection));
    }

    @Override
    public MessageRepository messageRepository() {
        return repository;
    }
}
