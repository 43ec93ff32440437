package dev.agentmail.james;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.LoginThrottle;
import dev.agentmail.domain.service.MailLoginService;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

import javax.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * SMTP AUTH on the submission port with the same credentials as IMAP. Listed in smtpserver.xml's handler chain;
 * a successful login may relay, and James's identity check then holds the sender to the inbox's own address.
 * While the client's address is locked out by the {@link LoginThrottle}, AUTH answers 454 4.7.0 without trying.
 */
public class ApiKeySmtpAuthHook implements AuthHook {
    /** The key the session logged in with, for {@link RevokedKeySmtpHook}. */
    static final ProtocolSession.AttachmentKey<ApiKey> SESSION_KEY = ProtocolSession.AttachmentKey.of("agentmail.apiKey", ApiKey.class);

    private final MailLoginService logins;
    private final LoginThrottle throttle;

    @Inject
    public ApiKeySmtpAuthHook(MailLoginService logins, LoginThrottle throttle) {
        this.logins = logins;
        this.throttle = throttle;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        String address = session.getRemoteAddress().getAddress().getHostAddress();
        Optional<Duration> locked = throttle.lockedOut(address);
        if (locked.isPresent()) {
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode("454")
                .smtpDescription("4.7.0 Too many failed logins from your address, try again in "
                    + Math.max(1, locked.get().toSeconds()) + " seconds")
                .build();
        }
        Optional<ApiKey> key = logins.login(username.asString(), password, Permission.SEND);
        if (key.isEmpty()) {
            throttle.failed(address);
            return HookResult.DECLINED;
        }
        session.setAttachment(SESSION_KEY, key.get(), ProtocolSession.State.Connection);
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
