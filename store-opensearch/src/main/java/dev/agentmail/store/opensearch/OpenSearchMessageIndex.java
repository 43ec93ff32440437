package dev.agentmail.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.StorageException;
import org.opensearch.client.ResponseException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;

import javax.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages of every inbox as an OpenSearch index: what orders, counts and searches an inbox's messages and
 * threads. It holds ids and the searched fields only; the messages are read back from Cassandra by id.
 *
 * <p>A document is routed by its inbox, so that an inbox's queries read one shard. Writes return once the next
 * refresh has made them visible (refresh=wait_for): an agent told of a new message lists it at once. That costs each
 * create, label change and delete up to one refresh interval (100 ms here) of latency; concurrent writers share the
 * refresh.
 */
public class OpenSearchMessageIndex {
    private static final int RETRIES_ON_CONFLICT = 5;
    /**
     * Each write waits for a refresh, and the index listener writes a handful of messages at a time: OpenSearch's
     * default second would cap indexing at a handful of messages a second.
     */
    private static final String REFRESH_INTERVAL = "100ms";
    public static final String INDEX = "messages";
    /** How deep from/size pages go; an inbox's queries read one shard, so a deep page costs that shard alone. */
    static final int MAX_RESULT_WINDOW = 100_000;
    /** Thread counts are exact up to this many threads in an inbox, and close beyond (HyperLogLog). */
    private static final int THREAD_COUNT_PRECISION = 40_000;
    private static final List<String> SEARCHED = List.of("subject", "text", "from", "to", "cc", "attachment_text");

    private final OpenSearchClient client;
    private final String index;

    /** Creates the index, with its mapping, when missing; adds the fields later releases brought when not. */
    @Inject
    public OpenSearchMessageIndex(OpenSearchConnection connection) {
        this.client = connection.client();
        this.index = connection.index(INDEX);
        createIfMissing();
    }

    private void createIfMissing() {
        try {
            if (client.indices().exists(exists -> exists.index(index)).value()) {
                // A new field is a mapping change OpenSearch takes on a live index, as often as it is asked.
                client.indices().putMapping(put -> put.index(index).properties(mapping()));
                return;
            }
            client.indices().create(create -> create.index(index)
                .settings(settings -> settings.maxResultWindow(MAX_RESULT_WINDOW).refreshInterval(time -> time.time(REFRESH_INTERVAL)))
                .mappings(mapping -> mapping.dynamic(DynamicMapping.Strict).properties(mapping())));
        } catch (OpenSearchException e) {
            // Another node of ours created it first.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw OpenSearchConnection.failure(e);
            }
        } catch (IOException e) {
            throw OpenSearchConnection.failure(e);
        }
    }

    /** Ids, times and labels as exact values; what a search reads as text, by the standard analyzer. */
    private static Map<String, Property> mapping() {
        Map<String, Property> properties = new HashMap<>();
        for (String keyword : List.of("message_id", "organization_id", "inbox_id", "thread_id", "mailbox_id",
            "direction", "labels")) {
            properties.put(keyword, Property.of(property -> property.keyword(field -> field)));
        }
        properties.put("uid", Property.of(property -> property.long_(field -> field)));
        for (String time : List.of("ts", "created_at")) {
            properties.put(time, Property.of(property -> property.date(field -> field.format("epoch_millis"))));
        }
        for (String text : SEARCHED) {
            properties.put(text, Property.of(property -> property.text(field -> field.analyzer("standard"))));
        }
        return properties;
    }

    /** The text read from the message's attachments, all of it: what a search of the message matches besides its own. */
    public void updateAttachmentTexts(String inboxId, String messageId, List<String> texts) {
        updateIfPresent(inboxId, messageId, Map.of("attachment_text", texts));
    }

    public void index(StoredMessage message) {
        Map<String, Object> document = new HashMap<>();
        document.put("message_id", message.id());
        document.put("organization_id", message.organizationId());
        document.put("inbox_id", message.inboxId());
        document.put("thread_id", message.threadId());
        document.put("mailbox_id", message.location().mailboxId());
        document.put("uid", message.location().uid());
        document.put("direction", message.direction().name());
        document.put("labels", List.copyOf(message.labels()));
        document.put("ts", message.timestamp().toEpochMilli());
        document.put("created_at", message.createdAt().toEpochMilli());
        document.put("subject", message.content().subject());
        document.put("from", message.content().from());
        document.put("to", message.content().to());
        document.put("cc", message.content().cc());
        document.put("text", message.content().text().orElse(""));
        try {
            client.index(request -> request.index(index).id(message.id()).routing(message.inboxId()).document(document)
                .refresh(Refresh.WaitFor));
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchConnection.failure(e);
        }
    }

    /** A message that is not in the index (deleted meanwhile) is left out. */
    /** A real-time look by id: no refresh needed. */
    public boolean contains(StoredMessage message) {
        try {
            return client.exists(request -> request.index(index).id(message.id()).routing(message.inboxId())).value();
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchConnection.failure(e);
        }
    }

    public void updateLabels(StoredMessage message, Set<String> labels) {
        // The API and the index listener may both relabel a message at once; the later one wins either way.
        updateIfPresent(message.inboxId(), message.id(), Map.of("labels", List.copyOf(labels)));
    }

    /** Changes these fields of a message's document; a message gone from the index meanwhile is left gone. */
    private void updateIfPresent(String inboxId, String messageId, Map<String, Object> fields) {
        try {
            client.update(request -> request.index(index).id(messageId).routing(inboxId)
                .doc(fields).retryOnConflict(RETRIES_ON_CONFLICT).refresh(Refresh.WaitFor), Map.class);
        } catch (OpenSearchException e) {
            if (e.status() != 404) {
                throw OpenSearchConnection.failure(e);
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw OpenSearchConnection.failure(e);
            }
        } catch (IOException e) {
            throw OpenSearchConnection.failure(e);
        }
    }

    public void delete(List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<BulkOperation> deletes = messages.stream()
            .map(message -> BulkOperation.of(operation -> operation.delete(delete -> delete.index(index)
                .id(message.id()).routing(message.inboxId()))))
            .toList();
        try {
            BulkResponse response = client.bulk(bulk -> bulk.operations(deletes).refresh(Refresh.WaitFor));
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && item.status() != 404) {
                    throw new StorageException("OpenSearch could not delete a message (" + item.error().type() + ")", null);
                }
            }
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchConnection.failure(e);
        }
    }

    /** Message ids of the inbox matching {@code search}, newest first, and how many match in all. */
    public Page<String> messageIds(String organizationId, String inboxId, MessageSearch search, PageRequest pageRequest) {
        List<Query> must = new ArrayList<>();
        for (String word : search.words()) {
            // Each word on its own: its terms all in one field, the last one as a prefix ("invo" finds "invoice").
            must.add(Query.of(query -> query.multiMatch(match -> match.query(word).fields(SEARCHED)
                .type(TextQueryType.BoolPrefix).operator(Operator.And))));
        }
        search.direction().ifPresent(direction -> must.add(Query.of(query -> query.term(term -> term.field("direction")
            .value(FieldValue.of(direction.name()))))));
        Query query = inbox(organizationId, inboxId, must);
        if (beyondWindow(pageRequest)) {
            return Page.of(List.of(), count(inboxId, query), pageRequest);
        }
        try {
            SearchResponse<ObjectNode> response = client.search(request -> request.index(index).routing(inboxId)
                .query(query)
                .sort(newestFirst("ts"), newestFirst("created_at"), newestFirst("uid"), newestFirst("message_id"))
                .from((int) pageRequest.offset()).size(pageRequest.pageSize())
                .trackTotalHits(track -> track.enabled(true))
                .source(source -> source.fetch(false)), ObjectNode.class);
            return Page.of(response.hits().hits().stream().map(Hit::id).toList(),
                response.hits().total().value(), pageRequest);
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchConnection.failure(e);
        }
    }

    /** Thread ids of the inbox, the one with the newest message first: one hit per thread by field collapsing. */
    public Page<String> threadIds(String organizationId, String inboxId, PageRequest pageRequest) {
        Query query = inbox(organizationId, inboxId, List.of());
        try {
            SearchResponse<ObjectNode> response = client.search(request -> request.index(index).routing(inboxId)
                .query(query)
                .collapse(collapse -> collapse.field("thread_id"))
                .sort(newestFirst("ts"), newestFirst("thread_id"))
                .from(beyondWindow(pageRequest) ? 0 : (int) pageRequest.offset())
                .size(beyondWindow(pageRequest) ? 0 : pageRequest.pageSize())
                .aggregations("threads", aggregation -> aggregation.cardinality(cardinality -> cardinality
                    .field("thread_id").precisionThreshold(THREAD_COUNT_PRECISION)))
                .source(source -> source.filter(filter -> filter.includes("thread_id"))), ObjectNode.class);
            return Page.of(response.hits().hits().stream().map(hit -> hit.source().get("thread_id").asText()).toList(),
                response.aggregations().get("threads").cardinality().value(), pageRequest);
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchConnection.failure(e);
        }
    }

    /**
     * Pages past {@link #MAX_RESULT_WINDOW} results are answered empty, with the total: no agent reads that deep, and
     * a walk with search_after to get there would cost as much as reading every message before it.
     */
    private static boolean beyondWindow(PageRequest pageRequest) {
        return pageRequest.offset() + pageRequest.pageSize() > MAX_RESULT_WINDOW;
    }

    private long count(String inboxId, Query query) {
        try {
            return client.count(request -> request.index(index).routing(inboxId).query(query)).count();
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchConnection.failure(e);
        }
    }

    private static Query inbox(String organizationId, String inboxId, List<Query> must) {
        return Query.of(query -> query.bool(bool -> bool
            .filter(term("inbox_id", inboxId), term("organization_id", organizationId))
            .must(must)));
    }

    private static Query term(String field, String value) {
        return Query.of(query -> query.term(term -> term.field(field).value(FieldValue.of(value))));
    }

    private static SortOptions newestFirst(String field) {
        return SortOptions.of(sort -> sort.field(order -> order.field(field).order(SortOrder.Desc)));
    }
}
