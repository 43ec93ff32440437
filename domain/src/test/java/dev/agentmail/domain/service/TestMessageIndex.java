package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.InMemoryMessageRepository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The shared in-memory message repository, with a shorthand for indexing the messages Threading and DeliveryOutcomes read. */
final class TestMessageIndex extends InMemoryMessageRepository {
    private long uids;

    /** Headers of a parsed message: those threading looks at, with a text body. */
    static MessageContent content(String rfcMessageId, String inReplyTo, List<String> references, String subject,
                                  String from, List<String> to, List<String> cc) {
        return new MessageContent(Optional.ofNullable(rfcMessageId), Optional.ofNullable(inReplyTo), references, subject,
            from, List.of(), to, cc, List.of(), Optional.of("Hello"), Optional.empty(), "Hello", Map.of(), List.of());
    }

    /** Indexes a message of organization org_1 at a new location of the inbox. */
    StoredMessage add(String inboxId, String threadId, Direction direction, MessageContent content, Instant at) {
        StoredMessage message = new StoredMessage(Ids.message(), "org_1", inboxId, threadId, direction,
            new MailboxLocation("mbx-" + inboxId, ++uids), content, Analysis.NONE, Set.of(), 100, at, at, at);
        create(message);
        return message;
    }
}
