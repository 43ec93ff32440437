package dev.agentmail.james;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.service.InboundRejections;
import dev.agentmail.domain.service.ListPolicy;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.mime.MessageParser;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On the inbound port, the recipients' receive lists: the envelope sender is judged at RCPT, the header From at the
 * end of DATA. A refusal is 550 5.7.1 and {@code message.rejected} for the inbox. When the header From is refused
 * by some recipients only, the message goes on to the others and the refusing inboxes hear of it as rejected.
 */
public class ReceivingListHook implements RcptHook, JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReceivingListHook.class);

    /** The recipients' inboxes, found at RCPT and kept for the end of DATA of the same transaction. */
    private static final class RecipientInboxes {
        final Map<MailAddress, Optional<Inbox>> byRecipient = new HashMap<>();
    }

    private static final AttachmentKey<RecipientInboxes> RECIPIENT_INBOXES =
        AttachmentKey.of("agentmail.recipientInboxes", RecipientInboxes.class);

    private final ListPolicy lists;
    private final InboxRepository inboxes;
    private final InboundRejections rejections;

    @Inject
    public ReceivingListHook(ListPolicy lists, InboxRepository inboxes, InboundRejections rejections) {
        this.lists = lists;
        this.inboxes = inboxes;
        this.rejections = rejections;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        Optional<String> refused = inboxOf(session, recipient)
            .flatMap(inbox -> lists.receiving(inbox, sender.get().asString()));
        if (refused.isEmpty()) {
            return HookResult.DECLINED;
        }
        LOGGER.info("Refused mail from {} to {}: {}", sender.get().asString(), recipient.asString(), refused.get());
        rejections.reportEnvelope(recipient.asString(), sender.get().asString());
        return ListRefusal.of(refused.get());
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<String> from = headerFrom(mail);
        if (from.isEmpty()) {
            return HookResult.DECLINED;
        }
        List<MailAddress> kept = new ArrayList<>();
        List<String> refusedBy = new ArrayList<>();
        Optional<String> why = Optional.empty();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<String> refused = inboxOf(session, recipient).flatMap(inbox -> lists.receiving(inbox, from.get()));
            if (refused.isPresent()) {
                refusedBy.add(recipient.asString());
                why = refused;
            } else {
                kept.add(recipient);
            }
        }
        if (refusedBy.isEmpty()) {
            return HookResult.DECLINED;
        }
        LOGGER.info("Refused {} from {} to {}: {}", mail.getName(), from.get(), refusedBy, why.get());
        report(mail, refusedBy);
        if (kept.isEmpty()) {
            return ListRefusal.of(why.get());
        }
        mail.setRecipients(kept);
        return HookResult.DECLINED;
    }

    private Optional<Inbox> inboxOf(SMTPSession session, MailAddress recipient) {
        RecipientInboxes found = session.getAttachment(RECIPIENT_INBOXES, State.Transaction).orElseGet(() -> {
            RecipientInboxes created = new RecipientInboxes();
            session.setAttachment(RECIPIENT_INBOXES, created, State.Transaction);
            return created;
        });
        return found.byRecipient.computeIfAbsent(recipient,
            address -> inboxes.findByAddress(address.getLocalPart(), address.getDomain().asString()));
    }

    private static Optional<String> headerFrom(Mail mail) {
        try {
            Address[] from = mail.getMessage().getFrom();
            return from != null && from.length > 0 && from[0] instanceof InternetAddress address
                ? Optional.ofNullable(address.getAddress()) : Optional.empty();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private void report(Mail mail, List<String> recipients) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mail.getMessage().writeTo(raw);
            rejections.report(recipients, MessageParser.parse(new ByteArrayInputStream(raw.toByteArray())), raw.size());
        } catch (Exception e) {
            LOGGER.warn("Could not report the rejection of {}: {}", mail.getName(), e.toString());
        }
    }
}
