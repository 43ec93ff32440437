package dev.agentmail.james;

import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.port.MailSender;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.lifecycle.api.LifecycleUtil;
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
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Stores the Sent copy in the inbox's Sent folder, and hands the message to James's spool as the inbox's authenticated
 * user, so that the pipeline delivers it locally to our inboxes and by remote delivery to everyone else.
 */
public class JamesMailSender implements MailSender {
    /** Marks mail the API hands in: already past approval, where the inbox needs it. */
    public static final AttributeName FROM_API = AttributeName.of("dev.agentmail.from-api");

    private final MailboxManager mailboxes;
    private final MailQueue spool;

    @Inject
    public JamesMailSender(MailboxManager mailboxes, MailQueueFactory<?> queues) {
        this.mailboxes = mailboxes;
        this.spool = queues.createQueue(MailQueueFactory.SPOOL);
    }

    @Override
    public MailboxLocation storeSentCopy(String senderAddress, ComposedMail mail, Instant at) {
        Username sender = Username.of(senderAddress);
        MailboxSession session = mailboxes.createSystemSession(sender);
        try {
            MessageManager sent = mailboxes.getMailbox(MailboxPath.forUser(sender, JamesMailAccounts.SENT), session);
            ComposedMessageId stored = sent.appendMessage(MessageManager.AppendCommand.builder()
                .withFlags(new Flags(Flags.Flag.SEEN))
                .isRecent(false)
                .withInternalDate(Date.from(at))
                .build(mail.sentCopy()), session).getId();
            return new MailboxLocation(stored.getMailboxId().serialize(), stored.getUid().asLong());
        } catch (MailboxException e) {
            throw new IllegalStateException("could not store the Sent copy of " + senderAddress + "'s message", e);
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    @Override
    public void enqueue(String senderAddress, ComposedMail mail, List<String> envelopeRecipients) {
        Mail spooled = null;
        try {
            spooled = mail(senderAddress, mail, envelopeRecipients);
            spool.enQueue(spooled);
        } catch (MessagingException e) {
            throw new IllegalStateException("could not hand the message to the spool", e);
        } finally {
            // The spool keeps its own copy; ours holds a temporary buffer (possibly a file) until disposed.
            LifecycleUtil.dispose(spooled);
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
            .addAttribute(new Attribute(FROM_API, AttributeValue.of(true)))
            .build();
    }

    private static MailAddress bare(String displayed) throws AddressException {
        return new MailAddress(new javax.mail.internet.InternetAddress(displayed, true));
    }
}
