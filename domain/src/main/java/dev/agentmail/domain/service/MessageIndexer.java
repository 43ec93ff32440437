package dev.agentmail.domain.service;

import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.MessageAnalyzer;
import dev.agentmail.domain.port.MessageReader;
import dev.agentmail.domain.store.MessageRepository;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * Adds a message that arrived in a mailbox to the index, in its thread, queues its attachments for their text, and
 * tells of received mail.
 */
public class MessageIndexer {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(MessageIndexer.class);
    private final MessageRepository messages;
    private final Threading threading;
    private final MessageEvents events;
    private final MessageAnalyzer analyzer;
    private final MessageReader reader;
    private final AttachmentTextQueue attachmentTexts;
    private final Clock clock;

    @Inject
    public MessageIndexer(MessageRepository messages, Threading threading, MessageEvents events, MessageAnalyzer analyzer,
                          MessageReader reader, AttachmentTextQueue attachmentTexts, Clock clock) {
        this.messages = messages;
        this.threading = threading;
        this.events = events;
        this.analyzer = analyzer;
        this.reader = reader;
        this.attachmentTexts = attachmentTexts;
        this.clock = clock;
    }

    /**
     * Indexes a message this server has just stored, read from the bytes at hand, unless the mailbox listener has
     * indexed it already (on the in-process event bus it runs within the append).
     */
    public StoredMessage indexStored(Inbox inbox, Direction direction, MailboxLocation location, byte[] rawMessage,
                                     Instant timestamp) {
        return messages.findByLocation(location).orElseGet(() -> index(inbox, direction, location,
            reader.read(rawMessage), Set.of(), rawMessage.length, timestamp));
    }

    public StoredMessage index(Inbox inbox, Direction direction, MailboxLocation location, MessageContent content,
                               Set<String> labels, long size, Instant timestamp) {
        Instant now = clock.instant();
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        Optional<String> joined = threading.threadJoined(inbox.id(), direction, content, at);
        StoredMessage message = new StoredMessage(Ids.message(), inbox.organizationId(), inbox.id(),
            joined.orElseGet(Ids::thread), direction, location, content,
            direction == Direction.INBOUND ? analyzer.analyze(content) : Analysis.NONE, labels, size, at, now, now);
        if (!(joined.isPresent() ? messages.create(message) : messages.createStartingThread(message))) {
            return messages.findByLocation(location).orElse(message);
        }
        if (direction == Direction.INBOUND) {
            events.publish(new MessageEvent(EventType.MESSAGE_RECEIVED, message, now));
        }
        try {
            attachmentTexts.add(message);
        } catch (RuntimeException e) {
            LOGGER.warn("Could not queue the attachments of {} for their text; they are queued when it is next read",
                message.id(), e);
        }
        return message;
    }
}
