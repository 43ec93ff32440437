package dev.agentmail.james;

import dev.agentmail.domain.service.MailLoginService;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;

import javax.inject.Inject;

/**
 * Submission sessions end when the API key they logged in with is revoked: MAIL, RCPT and the end of DATA check
 * that it still exists, and answer 421 4.7.0 and close the connection once it does not.
 */
public class RevokedKeySmtpHook implements MailHook, RcptHook, JamesMessageHook {
    private static final HookResult REVOKED = HookResult.builder()
        .hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
        .smtpReturnCode("421")
        .smtpDescription("4.7.0 The API key of this session has been revoked")
        .build();

    private final MailLoginService logins;

    @Inject
    public RevokedKeySmtpHook(MailLoginService logins) {
        this.logins = logins;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return check(session);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        return check(session);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        return check(session);
    }

    private HookResult check(SMTPSession session) {
        boolean revoked = session.getAttachment(ApiKeySmtpAuthHook.SESSION_KEY, ProtocolSession.State.Connection)
            .map(key -> !logins.stillValid(key))
            .orElse(false);
        return revoked ? REVOKED : HookResult.DECLINED;
    }
}
