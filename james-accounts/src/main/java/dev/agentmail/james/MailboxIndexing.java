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
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;

import javax.inject.Inject;
import javax.mail.Flags;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Indexes messages appended to an inbox's INBOX or Sent folder, reading them from the mailbox. Skips what is indexed
 * already: a repeated event, or a copy whose writer indexed it without waiting for the listener (the distributed event
 * bus runs listeners asynchronously), as sending does.
 */
public class MailboxIndexing {
    private static final String INBOX = "INBOX";

    private final MailboxManager mailboxes;
    private final InboxRepository inboxes;
    private final MessageRepository messages;
    private final MessageIndexer indexer;
    private final String authservId;

    @Inject
    public MailboxIndexing(MailboxManager mailboxes, InboxRepository inboxes, MessageRepository messages,
                           MessageIndexer indexer, DomainSettings settings) {
        this.mailboxes = mailboxes;
        this.inboxes = inboxes;
        this.messages = messages;
        this.indexer = indexer;
        this.authservId = settings.mxHost();
    }

    public void indexAppended(MailboxPath path, MailboxId mailboxId, Collection<MessageUid> uids)
        throws MailboxException, IOException {
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
        MailboxSession session = mailboxes.createSystemSession(path.getUser());
        try {
            MessageManager mailbox = mailboxes.getMailbox(mailboxId, session);
            for (MessageUid uid : missing) {
                MessageResultIterator results = mailbox.getMessages(MessageRange.one(uid), FetchGroup.FULL_CONTENT, session);
                if (!results.hasNext()) {
                    continue;
                }
                MessageResult result = results.next();
                MessageContent content;
                try (InputStream raw = result.getFullContent().getInputStream()) {
                    // Only received mail carries our Authentication-Results; a copy in Sent is not judged.
                    content = MessageParser.parse(raw,
                        direction.get() == Direction.INBOUND ? Optional.of(authservId) : Optional.empty());
                }
                indexer.index(inbox.get(), direction.get(), location(mailboxId, uid), content, labels(result.getFlags()),
                    result.getSize(), Instant.ofEpochMilli(result.getInternalDate().getTime()));
            }
        } finally {
            mailboxes.endProcessingRequest(session);
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
