package dev.agentmail.james;

import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.port.DraftFolders;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxPath;
import reactor.core.publisher.Mono;

import javax.inject.Inject;
import javax.mail.Flags;
import java.time.Instant;
import java.util.Date;

/** Drafts as IMAP sees them: messages flagged \Draft (and \Seen) in the inbox's Drafts folder. */
public class JamesDraftFolders implements DraftFolders {
    private final MailboxManager mailboxes;

    @Inject
    public JamesDraftFolders(MailboxManager mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public MailboxLocation store(String emailAddress, byte[] message, Instant at) {
        Username owner = Username.of(emailAddress);
        MailboxSession session = mailboxes.createSystemSession(owner);
        try {
            MailboxPath path = MailboxPath.forUser(owner, DRAFTS);
            ensure(path, session);
            Flags flags = new Flags(Flags.Flag.DRAFT);
            flags.add(Flags.Flag.SEEN);
            ComposedMessageId stored = mailboxes.getMailbox(path, session).appendMessage(
                MessageManager.AppendCommand.builder().withFlags(flags).isRecent(false).withInternalDate(Date.from(at))
                    .build(message), session).getId();
            return new MailboxLocation(stored.getMailboxId().serialize(), stored.getUid().asLong());
        } catch (MailboxException e) {
            throw new IllegalStateException("could not store a draft of " + emailAddress, e);
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    private void ensure(MailboxPath path, MailboxSession session) throws MailboxException {
        if (!Boolean.TRUE.equals(Mono.from(mailboxes.mailboxExists(path, session)).block())) {
            try {
                mailboxes.createMailbox(path, session);
            } catch (MailboxExistsException raced) {
                // Made meanwhile by another call.
            }
        }
    }
}
