package dev.agentmail.james;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.service.Labels;
import dev.agentmail.domain.service.MessageIndexer;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.mime.MessageParser;
import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.UpdatedFlags;

import javax.inject.Inject;
import javax.mail.Flags;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the message index in step with the inboxes' INBOX and Sent folders, whoever changes them: SMTP delivery,
 * the API, or a person's IMAP client. Runs synchronously, so a delivery is indexed when its append returns.
 */
public class MessageIndexListener implements EventListener.GroupEventListener {
    public static class MessageIndexGroup extends Group {
    }

    private static final Group GROUP = new MessageIndexGroup();
    private static final String INBOX = "INBOX";

    private final MailboxManager mailboxes;
    private final InboxRepository inboxes;
    private final MessageRepository messages;
    private final MessageIndexer indexer;
    private final Clock clock;

    @Inject
    public MessageIndexListener(MailboxManager mailboxes, InboxRepository inboxes, MessageRepository messages,
                                MessageIndexer indexer, Clock clock) {
        this.mailboxes = mailboxes;
        this.inboxes = inboxes;
        this.messages = messages;
        this.indexer = indexer;
        this.clock = clock;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SYNCHRONOUS;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.Added || event instanceof MailboxEvents.Expunged
            || event instanceof MailboxEvents.FlagsUpdated || event instanceof MailboxEvents.MailboxDeletion;
    }

    @Override
    public void event(Event event) throws Exception {
        if (event instanceof MailboxEvents.Added added) {
            index(added);
        } else if (event instanceof MailboxEvents.Expunged expunged) {
            expunged.getUids().forEach(uid -> messages.delete(location(expunged, uid.asLong())));
        } else if (event instanceof MailboxEvents.FlagsUpdated updated) {
            updated.getUpdatedFlags().forEach(flags -> relabel(updated, flags));
        } else if (event instanceof MailboxEvents.MailboxDeletion deletion) {
            messages.deleteMailbox(deletion.getMailboxId().serialize());
        }
    }

    private void index(MailboxEvents.Added added) throws Exception {
        Optional<Direction> direction = direction(added.getMailboxPath());
        Optional<Inbox> inbox = direction.flatMap(any -> inboxOf(added.getMailboxPath()));
        if (inbox.isEmpty()) {
            return;
        }
        MailboxSession session = mailboxes.createSystemSession(added.getMailboxPath().getUser());
        try {
            MessageManager mailbox = mailboxes.getMailbox(added.getMailboxId(), session);
            for (var entry : added.getAdded().entrySet()) {
                MailboxLocation location = location(added, entry.getKey().asLong());
                if (messages.findByLocation(location).isPresent()) {
                    continue;
                }
                MessageResultIterator results = mailbox.getMessages(MessageRange.one(entry.getKey()), FetchGroup.FULL_CONTENT, session);
                if (!results.hasNext()) {
                    continue;
                }
                MessageResult result = results.next();
                MessageContent content;
                try (InputStream raw = result.getFullContent().getInputStream()) {
                    content = MessageParser.parse(raw);
                }
                indexer.index(inbox.get(), direction.get(), location, content, labels(result.getFlags()), result.getSize(),
                    Instant.ofEpochMilli(result.getInternalDate().getTime()));
            }
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    private void relabel(MailboxEvents.FlagsUpdated event, UpdatedFlags flags) {
        MailboxLocation location = location(event, flags.getUid().asLong());
        Set<String> labels = labels(flags.getNewFlags());
        messages.findByLocation(location)
            .filter(message -> !message.labels().equals(labels))
            .ifPresent(message -> messages.updateLabels(message.id(), labels, clock.instant()));
    }

    static Set<String> labels(Flags flags) {
        return Arrays.stream(flags.getUserFlags()).map(Labels::fromKeyword).flatMap(Optional::stream)
            .collect(Collectors.toSet());
    }

    private static MailboxLocation location(MailboxEvents.MailboxEvent event, long uid) {
        return new MailboxLocation(event.getMailboxId().serialize(), uid);
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
