package dev.agentmail.james;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.port.DraftFolders;
import dev.agentmail.domain.service.DraftService;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.mime.MessageParser;
import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResultIterator;

import javax.inject.Inject;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the drafts what happens in the inboxes' Drafts, Approved and Trash folders, whoever does it: a person's mail
 * client saving, moving or deleting a draft, or the API itself (whose own appends are recognized by the draft).
 */
public class DraftFolderListener implements EventListener.GroupEventListener {
    public static class DraftFolderGroup extends Group {
    }

    private static final Group GROUP = new DraftFolderGroup();
    private static final Set<String> FOLDERS = Set.of(DraftFolders.DRAFTS, DraftFolders.APPROVED, DraftFolders.TRASH);

    private final MailboxManager mailboxes;
    private final InboxRepository inboxes;
    private final DraftService drafts;

    @Inject
    public DraftFolderListener(MailboxManager mailboxes, InboxRepository inboxes, DraftService drafts) {
        this.mailboxes = mailboxes;
        this.inboxes = inboxes;
        this.drafts = drafts;
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
        return (event instanceof MailboxEvents.Added || event instanceof MailboxEvents.Expunged)
            && FOLDERS.contains(((MailboxEvents.MailboxEvent) event).getMailboxPath().getName());
    }

    @Override
    public void event(Event event) throws Exception {
        MailboxEvents.MailboxEvent mailboxEvent = (MailboxEvents.MailboxEvent) event;
        String mailboxId = mailboxEvent.getMailboxId().serialize();
        if (event instanceof MailboxEvents.Expunged expunged) {
            expunged.getUids().forEach(uid -> drafts.expunged(new MailboxLocation(mailboxId, uid.asLong())));
            return;
        }
        MailboxEvents.Added added = (MailboxEvents.Added) event;
        Optional<Inbox> inbox = inboxOf(added.getMailboxPath().getUser());
        if (inbox.isEmpty()) {
            return;
        }
        String folder = added.getMailboxPath().getName();
        MailboxSession session = mailboxes.createSystemSession(added.getMailboxPath().getUser());
        try {
            MessageManager mailbox = mailboxes.getMailbox(added.getMailboxId(), session);
            for (MessageUid uid : added.getUids()) {
                MessageResultIterator results = mailbox.getMessages(MessageRange.one(uid), FetchGroup.FULL_CONTENT, session);
                if (results.hasNext()) {
                    MessageContent content;
                    try (InputStream raw = results.next().getFullContent().getInputStream()) {
                        content = MessageParser.parse(raw, Optional.empty());
                    }
                    drafts.appended(inbox.get(), folder, new MailboxLocation(mailboxId, uid.asLong()), content);
                }
            }
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    private Optional<Inbox> inboxOf(Username owner) {
        return owner.getDomainPart().flatMap(domain -> inboxes.findByAddress(owner.getLocalPart(), domain.asString()));
    }
}
