package dev.agentmail.james;

import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.port.MailSender;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the Sent copy, then hands the message to James's spool as the inbox's authenticated user, so that the
 * pipeline delivers it locally to our inboxes and by remote delivery to everyone else.
 */
public class JamesMailSender implements MailSender {
    private final MailboxManager mailboxes;
    private final MailboxIndexing indexing;
    private final MailQueue spool;

    @Inject
    public JamesMailSender(MailboxManager mailboxes, MailboxIndexing indexing, MailQueueFactory<?> queues) {
        this.mailboxes = mailboxes;
        this.indexing = indexing;
        this.spool = queues.createQueue(MailQueueFactory.SPOOL);
    }

    @Override
    public MailboxLocation send(String senderAddress, ComposedMail mail, List<String> envelopeRecipients) {
        Username sender = Username.of(senderAddress);
        MailboxSession session = mailboxes.createSystemSession(sender);
        try {
            MailboxPath sentPath = MailboxPath.forUser(sender, JamesMailAccounts.SENT);
            MessageManager sent = mailboxes.getMailbox(sentPath, session);
            ComposedMessageId stored = sent.appendMessage(MessageManager.AppendCommand.builder()
                .withFlags(new Flags(Flags.Flag.SEEN))
                .isRecent(false)
                .build(mail.sentCopy()), session).getId();
            try {
                // Indexed before it leaves: delivery reports and replies look the sent message up by its Message-ID.
                indexing.indexAppended(sentPath, stored.getMailboxId(), List.of(stored.getUid()));
                spool.enQueue(mail(senderAddress, mail, envelopeRecipients));
            } catch (Exception e) {
                // Not sent means not in Sent either: the caller gets an error and may retry.
                sent.delete(List.of(stored.getUid()), session);
                throw new IllegalStateException("could not hand the message to the spool", e);
            }
            return new MailboxLocation(stored.getMailboxId().serialize(), stored.getUid().asLong());
        } catch (MailboxException e) {
            throw new IllegalStateException("could not store the Sent copy of " + senderAddress + "'s message", e);
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    private static Mail mail(String sender, ComposedMail composed, List<String> recipients) throws MessagingException {
        List<MailAddress> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            addresses.add(bare(recipient));
        }
        return MailImpl.builder()
            .name(MailImpl.getId())
            .sender(new MailAddress(sender))
            .addRecipients(addresses)
            .mimeMessage(new MimeMessage(null, new ByteArrayInputStream(composed.delivered())))
            // The API authenticated the inbox: the pipeline may relay for it, as for SMTP AUTH on submission.
            .addAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(sender)))
            .build();
    }

    private static MailAddress bare(String displayed) throws AddressException {
        return new MailAddress(new javax.mail.internet.InternetAddress(displayed, true));
    }
}
