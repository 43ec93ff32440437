package dev.agentmail.mailets;

import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.james.MailboxIndexing;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import javax.inject.Inject;
import javax.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Placed right before LocalDelivery: drops the recipients that already have this message, so that mail the spool
 * redelivers after a crash (appended, but not yet acknowledged) is stored once. The ledger makes the usual case one
 * insert; only a repeated attempt pays for a search of the recipient's INBOX. A message found there is indexed if it
 * is not yet: with the distributed event bus, the crash may have come before the mailbox event left the node.
 */
public class DeliverOnce extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliverOnce.class);

    private final DeliveryLedger ledger;
    private final MailboxManager mailboxes;
    private final MailboxIndexing indexing;
    private final Clock clock;

    @Inject
    public DeliverOnce(DeliveryLedger ledger, MailboxManager mailboxes, MailboxIndexing indexing, Clock clock) {
        this.ledger = ledger;
        this.mailboxes = mailboxes;
        this.indexing = indexing;
        this.clock = clock;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String deliveryId = mail.getMessage().getHeader(DeliveryIds.HEADER, null);
        if (deliveryId == null) {
            return;
        }
        List<MailAddress> pending = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            if (ledger.recordAttempt(deliveryId, recipient.asString(), clock.instant()) || !alreadyStored(recipient, deliveryId)) {
                pending.add(recipient);
            } else {
                LOGGER.info("Not storing {} again for {}: it was stored before the spool redelivered it", deliveryId, recipient);
            }
        }
        if (pending.isEmpty()) {
            mail.setState(Mail.GHOST);
        } else {
            mail.setRecipients(pending);
        }
    }

    private boolean alreadyStored(MailAddress recipient, String deliveryId) throws MessagingException {
        Username user = Username.of(recipient.asString());
        MailboxSession session = mailboxes.createSystemSession(user);
        try {
            MessageManager inbox = mailboxes.getMailbox(MailboxPath.inbox(user), session);
            List<MessageUid> stored = Flux.from(inbox.search(
                    SearchQuery.of(SearchQuery.headerContains(DeliveryIds.HEADER, deliveryId)), session))
                .collectList().block();
            if (stored.isEmpty()) {
                return false;
            }
            indexing.indexAppended(MailboxPath.inbox(user), inbox.getId(), stored);
            return true;
        } catch (IOException e) {
            throw new MessagingException("could not index " + deliveryId + " in " + recipient + "'s mailbox", e);
        } catch (MailboxException e) {
            throw new MessagingException("could not check " + recipient + "'s mailbox for " + deliveryId, e);
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Stores a redelivered message only for recipients who do not have it yet";
    }
}
