package dev.agentmail.domain.store;

import dev.agentmail.domain.model.AttachmentText;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The text read from received attachments, and the queue of those still to read: a row per attachment, pending
 * until the background reader has been at it, so a restart resumes where it stopped.
 */
public interface AttachmentTextRepository {
    record Key(String organizationId, String inboxId, String messageId, String attachmentId) {
    }

    /** Queues the attachments of a stored message; attachments queued or read before stay as they are. */
    void enqueue(List<Key> attachments, Instant at);

    /** Attachments still pending, the longest waiting first. */
    List<Key> pending(int limit);

    /**
     * Records what reading found. Ready text also becomes part of what the message's full-text search matches.
     */
    void save(Key attachment, AttachmentText text, Instant at);

    /** What is known of a message's attachments by attachment id; attachments never queued are absent. */
    Map<String, AttachmentText> forMessage(String organizationId, String messageId);
}
