package dev.agentmail.store.opensearch;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.store.cassandra.CassandraAttachmentTextRepository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attachment texts of the distributed profile: kept in Cassandra, and ready text also put in the message's document
 * of the OpenSearch index, which is what searches. The document gets all the message's ready texts each time, so
 * saving again (a retry, or two nodes reading one attachment) leaves it the same.
 */
public class DistributedAttachmentTextRepository implements AttachmentTextRepository {
    private final CassandraAttachmentTextRepository texts;
    private final OpenSearchMessageIndex index;

    public DistributedAttachmentTextRepository(CassandraAttachmentTextRepository texts, OpenSearchMessageIndex index) {
        this.texts = texts;
        this.index = index;
    }

    @Override
    public void enqueue(List<Key> attachments, Instant at) {
        texts.enqueue(attachments, at);
    }

    @Override
    public List<Key> pending(int limit) {
        return texts.pending(limit);
    }

    @Override
    public void save(Key attachment, AttachmentText text, Instant at) {
        texts.save(attachment, text, at);
        if (text.text().isPresent()) {
            index.updateAttachmentTexts(attachment.inboxId(), attachment.messageId(),
                texts.forMessage(attachment.organizationId(), attachment.messageId()).values().stream()
                    .map(AttachmentText::text).flatMap(Optional::stream).toList());
        }
    }

    @Override
    public Map<String, AttachmentText> forMessage(String organizationId, String messageId) {
        return texts.forMessage(organizationId, messageId);
    }
}
