package dev.agentmail.james;

import dev.agentmail.domain.error.RateLimitedException;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.service.SendLimits;
import dev.agentmail.domain.service.Threading;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.mime.MessageParser;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * On the submission ports, the sending limits the API send is held to. At RCPT, each recipient must fit in the
 * inbox's and the organization's limits with those already accepted in this transaction; past them it is refused with
 * {@code 451 4.7.1}, a temporary failure the client retries later. At the end of DATA, once the headers tell which
 * thread the message joins, the whole message is checked again with the loop breaker ({@code 451 4.7.1} for all its
 * recipients) and, accepted, counted. Last in the chain: a message another hook refuses is not counted.
 */
public class SendingLimitHook implements RcptHook, JamesMessageHook {
    private final SendLimits limits;
    private final Threading threading;
    private final InboxRepository inboxes;

    @Inject
    public SendingLimitHook(SendLimits limits, Threading threading, InboxRepository inboxes) {
        this.limits = limits;
        this.threading = threading;
        this.inboxes = inboxes;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        Optional<Inbox> inbox = inboxOf(session.getUsername());
        if (inbox.isEmpty()) {
            return HookResult.DECLINED;
        }
        int accepted = session.getAttachment(SMTPSession.RCPT_LIST, ProtocolSession.State.Transaction)
            .map(List::size).orElse(0);
        try {
            limits.requireSendable(inbox.get(), accepted + 1, Optional.empty());
            return HookResult.DECLINED;
        } catch (RateLimitedException e) {
            return refused(e);
        }
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<Inbox> inbox = inboxOf(session.getUsername());
        if (inbox.isEmpty()) {
            return HookResult.DECLINED;
        }
        int recipients = (int) mail.getRecipients().stream().map(MailAddress::asString).distinct().count();
        Optional<String> thread = threading.threadOfAncestors(inbox.get().id(), ancestors(mail));
        try {
            limits.requireSendable(inbox.get(), recipients, thread);
        } catch (RateLimitedException e) {
            return refused(e);
        }
        limits.record(inbox.get(), recipients, thread);
        return HookResult.DECLINED;
    }

    /** The In-Reply-To and References of the message: the thread it joins, as the index will find it. */
    private static List<String> ancestors(Mail mail) {
        List<String> ids = new ArrayList<>();
        try {
            MimeMessage message = mail.getMessage();
            ids.addAll(MessageParser.allMessageIds(message.getHeader("References", " ")));
            ids.addAll(MessageParser.allMessageIds(message.getHeader("In-Reply-To", " ")));
        } catch (MessagingException e) {
            // Unreadable headers join no thread; the author check refuses such a message anyway.
        }
        return ids;
    }

    private Optional<Inbox> inboxOf(Username username) {
        if (username == null) {
            return Optional.empty();
        }
        return username.getDomainPart().flatMap(domain -> inboxes.findByAddress(username.getLocalPart(),
            domain.asString()));
    }

    private static HookResult refused(RateLimitedException e) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode("451")
            .smtpDescription("4.7.1 " + e.getMessage())
            .build();
    }
}
