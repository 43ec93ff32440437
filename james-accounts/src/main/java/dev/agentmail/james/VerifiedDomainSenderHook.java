package dev.agentmail.james;

import dev.agentmail.domain.model.SenderPermission;
import dev.agentmail.domain.service.DomainService;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

import javax.inject.Inject;

/**
 * On the submission port, holds SMTP clients to the API's rule: an inbox of a custom domain sends only once the
 * domain is verified (unless AGENTMAIL_ALLOW_UNVERIFIED_SENDING). Refused at MAIL FROM, before any data is sent.
 */
public class VerifiedDomainSenderHook implements MailHook {
    private final DomainService domains;

    @Inject
    public VerifiedDomainSenderHook(DomainService domains) {
        this.domains = domains;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        String domain = sender.get().getDomain().asString();
        if (domains.senderPermission(domain) == SenderPermission.ALLOWED) {
            return HookResult.DECLINED;
        }
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " "
                + "the domain " + domain + " is not verified yet")
            .build();
    }
}
