package dev.agentmail.james;

import dev.agentmail.domain.port.DraftFolders;
import dev.agentmail.domain.port.MailAccounts;
import dev.agentmail.domain.model.Ids;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import reactor.core.publisher.Mono;

import javax.inject.Inject;
import java.util.List;

/**
 * An inbox's account on James: a user named by the inbox's address, with INBOX, Sent and Drafts. The user gets a long
 * random password that nobody knows: logins go through API keys (see {@link ApiKeyAuthenticator}).
 */
public class JamesMailAccounts implements MailAccounts {
    public static final String SENT = "Sent";

    private final UsersRepository users;
    private final MailboxManager mailboxes;

    @Inject
    public JamesMailAccounts(UsersRepository users, MailboxManager mailboxes) {
        this.users = users;
        this.mailboxes = mailboxes;
    }

    @Override
    public void provision(String emailAddress) {
        Username username = Username.of(emailAddress);
        try {
            if (!users.contains(username)) {
                users.addUser(username, Ids.base62(48));
            }
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("could not provision the mail account " + emailAddress, e);
        }
        ensureFolders(username, List.of(MailboxPath.inbox(username).getName(), SENT, DraftFolders.DRAFTS));
    }

    @Override
    public void provisionApprovalFolders(String emailAddress) {
        ensureFolders(Username.of(emailAddress), List.of(DraftFolders.DRAFTS, DraftFolders.APPROVED, DraftFolders.TRASH));
    }

    private void ensureFolders(Username username, List<String> names) {
        MailboxSession session = mailboxes.createSystemSession(username);
        try {
            for (String name : names) {
                MailboxPath path = MailboxPath.forUser(username, name);
                if (!Boolean.TRUE.equals(Mono.from(mailboxes.mailboxExists(path, session)).block())) {
                    mailboxes.createMailbox(path, session);
                }
            }
        } catch (MailboxException e) {
            throw new IllegalStateException("could not make the folders of " + username.asString(), e);
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    @Override
    public void remove(String emailAddress) {
        Username username = Username.of(emailAddress);
        try {
            MailboxSession session = mailboxes.createSystemSession(username);
            try {
                List<MailboxMetaData> owned = mailboxes.search(MailboxQuery.privateMailboxesBuilder(session)
                    .matchesAllMailboxNames().build(), session).collectList().block();
                for (MailboxMetaData mailbox : owned) {
                    mailboxes.deleteMailbox(mailbox.getId(), session);
                }
            } finally {
                mailboxes.endProcessingRequest(session);
            }
            if (users.contains(username)) {
                users.removeUser(username);
            }
        } catch (UsersRepositoryException | MailboxException e) {
            throw new IllegalStateException("could not remove the mail account " + emailAddress, e);
        }
    }
}
