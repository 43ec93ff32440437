package dev.agentmail.james;

import dev.agentmail.domain.service.MailLoginService;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

import javax.inject.Inject;

/**
 * SMTP AUTH on the submission port with the same credentials as IMAP. Listed in smtpserver.xml's handler chain;
 * a successful login may relay, and James's identity check then holds the sender to the inbox's own address.
 */
public class ApiKeySmtpAuthHook implements AuthHook {
    private final MailLoginService logins;

    @Inject
    public ApiKeySmtpAuthHook(MailLoginService logins) {
        this.logins = logins;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        if (!logins.authenticate(username.asString(), password)) {
            return HookResult.DECLINED;
        }
        session.setUsername(username);
        session.setRelayingAllowed(true);
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.ok())
            .smtpDescription("Authentication successful")
            .build();
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }
}
