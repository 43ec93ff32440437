package dev.agentmail.store.opensearch;

import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepositoryContract;
import dev.agentmail.domain.store.AttachmentTextSearchContract;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.domain.store.MessageRepositoryContract;
import dev.agentmail.store.cassandra.CassandraAttachmentTextRepository;
import dev.agentmail.store.cassandra.CassandraMessageStore;
import dev.agentmail.store.cassandra.CassandraStore;
import dev.agentmail.store.cassandra.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message and attachment text contracts on Cassandra and OpenSearch together, as the distributed profile runs
 * them: one keyspace for the class, emptied before each test, and the index made anew for each.
 */
class DistributedMessageRepositoryContractTest
    implements MessageRepositoryContract, AttachmentTextRepositoryContract, AttachmentTextSearchContract {
    private static CassandraStore store;
    private static OpenSearchConnection connection;
    private DistributedMessageRepository repository;
    private DistributedAttachmentTextRepository attachmentTexts;

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
        OpenSearchMessageIndex index = new OpenSearchMessageIndex(connection);
        repository = new DistributedMessageRepository(new CassandraMessageStore(store), index);
        attachmentTexts = new DistributedAttachmentTextRepository(new CassandraAttachmentTextRepository(store), index);
    }

    @Override
    public AttachmentTextRepository attachmentTextRepository() {
        return attachmentTexts;
    }

    @Override
    public MessageRepository messageRepository() {
        return repository;
    }

    @Test
    void anIndexMadeBeforeAttachmentTextsGetsTheirField() throws IOException {
        // An index of an earlier release: its mapping lacks the field, and strict mapping refuses unknown ones.
        TestOpenSearch.deleteIndex(connection, OpenSearchMessageIndex.INDEX);
        connection.client().indices().create(create -> create.index(connection.index(OpenSearchMessageIndex.INDEX))
            .mappings(mapping -> mapping.dynamic(DynamicMapping.Strict)
                .properties("message_id", property -> property.keyword(field -> field))));
        OpenSearchMessageIndex index = new OpenSearchMessageIndex(connection);
        index.updateAttachmentTexts("in_1", "msg_1", List.of("absent documents are left absent"));
        assertThat(connection.client().indices().getMapping(get -> get.index(connection.index(OpenSearchMessageIndex.INDEX)))
            .result().values().iterator().next().mappings().properties()).containsKey("attachment_text");
    }

    @Test
    void aMessageStoredButNotListedIsListedOnceEnsured() {
        StoredMessage message = MessageRepositoryContract.message("msg_1", "in_1", "thr_1", 1, 1_000, null, "Hello");
        repository.create(message);
        // As a crash between the two writes would leave it.
        new OpenSearchMessageIndex(connection).delete(List.of(message));
        assertThat(repository.list("org_1", "in_1", PageRequest.first()).total()).isZero();

        repository.ensureListed(message);

        assertThat(repository.list("org_1", "in_1", PageRequest.first()).data()).extracting(StoredMessage::id)
            .containsExactly("msg_1");
    }
}
