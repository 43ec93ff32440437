package dev.agentmail.james;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.service.ListPolicy;
import dev.agentmail.domain.store.InboxRepository;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;

import javax.inject.Inject;
import java.util.Optional;

/**
 * On the submission ports, holds each recipient to the lists the API send holds it to: the sending inbox's send lists
 * and, for our own inboxes, the recipient's receive lists. Refused at RCPT with 550 5.7.1.
 */
public class SendingListHook implements RcptHook {
    private final ListPolicy lists;
    private final InboxRepository inboxes;

    @Inject
    public SendingListHook(ListPolicy lists, InboxRepository inboxes) {
        this.lists = lists;
        this.inboxes = inboxes;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        return Optional.ofNullable(session.getUsername())
            .flatMap(this::inboxOf)
            .flatMap(inbox -> lists.sending(inbox, recipient.asString()))
            .map(ListRefusal::of)
            .orElse(HookResult.DECLINED);
    }

    private Optional<Inbox> inboxOf(Username username) {
        return username.getDomainPart().flatMap(domain -> inboxes.findByAddress(username.getLocalPart(),
            domain.asString()));
    }
}
