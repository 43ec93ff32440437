package dev.agentmail.james;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.Labels;
import dev.agentmail.domain.service.MessageIndexer;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.mime.MessageParser;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;

import javax.inject.Inject;
import javax.mail.Flags;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Indexes messages appended to an inbox's INBOX or Sent folder, from the content the mailbox store kept in memory
 * ({@link AppendedMessages}) or else reading them back from the mailbox. Skips what is indexed already: a repeated
 * event, or a copy whose writer indexed it without waiting for the listener (the distributed event bus runs listeners
 * asynchronously), as sending does.
 */
public class MailboxIndexing {
    private static final String INBOX = "INBOX";

    private final MailboxManager mailboxes;
    private final InboxRepository inboxes;
    private final MessageRepository messages;
    private final MessageIndexer indexer;
    private final AppendedMessages appended;
    private final String authservId;

    @Inject
    public MailboxIndexing(MailboxManager mailboxes, InboxRepository inboxes, MessageRepository messages,
                           MessageIndexer indexer, AppendedMessages appended, DomainSettings settings) {
        this.mailboxes = mailboxes;
        this.inboxes = inboxes;
        this.messages = messages;
        this.indexer = indexer;
        this.appended = appended;
        this.authservId = settings.mxHost();
    }

    /** Indexes what an {@code Added} event reports, from the content the store left in memory where it can. */
    public void indexAdded(MailboxEvents.Added added) throws MailboxException, IOException {
        // Taken whatever the folder, so that nothing the indexer skips stays behind in memory.
        Map<MessageUid, byte[]> remembered = new HashMap<>();
        for (MessageUid uid : added.getUids()) {
            appended.take(location(added.getMailboxId(), uid)).ifPresent(content -> remembered.put(uid, content));
        }
        index(added.getMailboxPath(), added.getMailboxId(), added.getUids(), uid ->
            Optional.ofNullable(remembered.get(uid)).map(content -> {
                MessageMetaData data = added.getMetaData(uid);
                return new MessageToIndex(new ByteArrayInputStream(content), data.getFlags(), data.getSize(),
                    data.getInternalDate());
            }));
    }

    /** Indexes messages of a mailbox, reading them back from it. */
    public void indexAppended(MailboxPath path, MailboxId mailboxId, Collection<MessageUid> uids)
        throws MailboxException, IOException {
        index(path, mailboxId, uids, uid -> Optional.empty());
    }

    private void index(MailboxPath path, MailboxId mailboxId, Collection<MessageUid> uids,
                       Function<MessageUid, Optional<MessageToIndex>> inMemory) throws MailboxException, IOException {
        Optional<Direction> direction = direction(path);
        if (direction.isEmpty()) {
            return;
        }
        // Usually indexed already (the sender's copy, a repeated event): then no inbox or mailbox need be read.
        List<MessageUid> missing = new ArrayList<>();
        for (MessageUid uid : uids) {
            Optional<StoredMessage> indexed = messages.findByLocation(location(mailboxId, uid));
            if (indexed.isPresent()) {
                messages.ensureListed(indexed.get());
            } else {
                missing.add(uid);
            }
        }
        Optional<Inbox> inbox = missing.isEmpty() ? Optional.empty() : inboxOf(path);
        if (inbox.isEmpty()) {
            return;
        }
        MailboxReader reader = new MailboxReader(path, mailboxId);
        try {
            for (MessageUid uid : missing) {
                Optional<MessageToIndex> message = inMemory.apply(uid);
                if (message.isEmpty()) {
                    message = reader.read(uid);
                }
                if (message.isPresent()) {
                    index(inbox.get(), direction.get(), location(mailboxId, uid), message.get());
                }
            }
        } finally {
            reader.close();
        }
    }

    private void index(Inbox inbox, Direction direction, MailboxLocation location, MessageToIndex message)
        throws IOException {
        MessageContent content;
        try (InputStream raw = message.raw()) {
            // Only received mail carries our Authentication-Results; a copy in Sent is not judged.
            content = MessageParser.parse(raw,
                direction == Direction.INBOUND ? Optional.of(authservId) : Optional.empty());
        }
        indexer.index(inbox, direction, location, content, labels(message.flags()), message.size(),
            Instant.ofEpochMilli(message.internalDate().getTime()));
    }

    /** A message as the indexer needs it, from memory or from the mailbox. */
    private record MessageToIndex(InputStream raw, Flags flags, long size, Date internalDate) {
    }

    /** Opens a session and the mailbox only when a message has to be read back. */
    private class MailboxReader {
        private final MailboxPath path;
        private final MailboxId mailboxId;
        private MailboxSession session;
        private MessageManager mailbox;

        MailboxReader(MailboxPath path, MailboxId mailboxId) {
            this.path = path;
            this.mailboxId = mailboxId;
        }

        Optional<MessageToIndex> read(MessageUid uid) throws MailboxException, IOException {
            if (mailbox == null) {
                session = mailboxes.createSystemSession(path.getUser());
                mailbox = mailboxes.getMailbox(mailboxId, session);
            }
            MessageResultIterator results = mailbox.getMessages(MessageRange.one(uid), FetchGroup.FULL_CONTENT, session);
            if (!results.hasNext()) {
                return Optional.empty();
            }
            MessageResult result = results.next();
            return Optional.of(new MessageToIndex(result.getFullContent().getInputStream(), result.getFlags(),
                result.getSize(), result.getInternalDate()));
        }

        void close() {
            if (session != null) {
                mailboxes.endProcessingRequest(session);
            }
        }
    }

    private static MailboxLocation location(MailboxId mailboxId, MessageUid uid) {
        return new MailboxLocation(mailboxId.serialize(), uid.asLong());
    }

    static Set<String> labels(Flags flags) {
        return Arrays.stream(flags.getUserFlags()).map(Labels::fromKeyword).flatMap(Optional::stream)
            .collect(Collectors.toSet());
    }

    /** INBOX holds what arrived, Sent what the inbox sent; other folders a person makes are not indexed. */
    private static Optional<Direction> direction(MailboxPath path) {
        if (path.getName().equalsIgnoreCase(INBOX)) {
            return Optional.of(Direction.INBOUND);
        }
        if (path.getName().equals(JamesMailAccounts.SENT)) {
            return Optional.of(Direction.OUTBOUND);
        }
        return Optional.empty();
    }

    private Optional<Inbox> inboxOf(MailboxPath path) {
        Username owner = path.getUser();
        return owner.getDomainPart()
            .flatMap(domain -> inboxes.findByAddress(owner.getLocalPart(), domain.asString()));
    }
}
