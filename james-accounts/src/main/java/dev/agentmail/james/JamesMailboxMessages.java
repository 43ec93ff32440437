package dev.agentmail.james;

import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.port.MailboxMessages;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResultIterator;

import javax.inject.Inject;
import javax.mail.Flags;
import java.util.List;
import java.util.Set;

/** Changes indexed messages in their James mailbox; the index listener then brings the index in step. */
public class JamesMailboxMessages implements MailboxMessages {
    private final MailboxManager mailboxes;
    private final MailboxId.Factory mailboxIds;

    @Inject
    public JamesMailboxMessages(MailboxManager mailboxes, MailboxId.Factory mailboxIds) {
        this.mailboxes = mailboxes;
        this.mailboxIds = mailboxIds;
    }

    @Override
    public void setKeywords(String emailAddress, MailboxLocation location, Set<String> keywords) {
        inMailbox(emailAddress, location, (mailbox, session) -> {
            MessageRange message = MessageRange.one(MessageUid.of(location.uid()));
            MessageResultIterator current = mailbox.getMessages(message, FetchGroup.MINIMAL, session);
            Flags stale = new Flags();
            if (current.hasNext()) {
                for (String keyword : current.next().getFlags().getUserFlags()) {
                    if (!keywords.contains(keyword)) {
                        stale.add(keyword);
                    }
                }
            }
            Flags wanted = new Flags();
            keywords.forEach(wanted::add);
            if (stale.getUserFlags().length > 0) {
                mailbox.setFlags(stale, MessageManager.FlagsUpdateMode.REMOVE, message, session);
            }
            if (!keywords.isEmpty()) {
                mailbox.setFlags(wanted, MessageManager.FlagsUpdateMode.ADD, message, session);
            }
        });
    }

    @Override
    public byte[] read(String emailAddress, MailboxLocation location) {
        byte[][] content = new byte[1][];
        inMailbox(emailAddress, location, (mailbox, session) -> {
            MessageResultIterator results = mailbox.getMessages(MessageRange.one(MessageUid.of(location.uid())),
                FetchGroup.FULL_CONTENT, session);
            if (results.hasNext()) {
                try (java.io.InputStream raw = results.next().getFullContent().getInputStream()) {
                    content[0] = raw.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new MailboxException("could not read a message", e);
                }
            }
        });
        if (content[0] == null) {
            throw new dev.agentmail.domain.error.NotFoundException("message content", location.mailboxId() + "/" + location.uid());
        }
        return content[0];
    }

    @Override
    public void delete(String emailAddress, MailboxLocation location) {
        inMailbox(emailAddress, location,
            (mailbox, session) -> mailbox.delete(List.of(MessageUid.of(location.uid())), session));
    }

    private interface MailboxAction {
        void run(MessageManager mailbox, MailboxSession session) throws MailboxException;
    }

    private void inMailbox(String emailAddress, MailboxLocation location, MailboxAction action) {
        MailboxSession session = mailboxes.createSystemSession(Username.of(emailAddress));
        try {
            action.run(mailboxes.getMailbox(mailboxIds.fromString(location.mailboxId()), session), session);
        } catch (MailboxNotFoundException gone) {
            // The mailbox went away with everything in it.
        } catch (MailboxException e) {
            throw new IllegalStateException("could not change a message of " + emailAddress, e);
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }
}
