package dev.agentmail.james;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.LoginThrottle;
import dev.agentmail.domain.service.MailLoginService;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.ImapSessionState;

import javax.inject.Inject;
import java.util.Optional;

/**
 * What an IMAP LOGIN or AUTHENTICATE goes through besides James's own check: the {@link LoginThrottle} of the
 * client's address, and, once logged in, the key the session runs on, which {@link RevokedKeyImapProcessor} checks.
 */
public class ImapLoginGuard {
    static final String SESSION_KEY = "agentmail.apiKey";
    static final HumanReadableText TOO_MANY_FAILURES = new HumanReadableText("agentmail.imap.login.throttled",
        "Too many failed logins from your address, try again later");

    private final LoginThrottle throttle;
    private final MailLoginService logins;

    @Inject
    public ImapLoginGuard(LoginThrottle throttle, MailLoginService logins) {
        this.throttle = throttle;
        this.logins = logins;
    }

    /**
     * Runs {@code login} (James's) unless the client's address is locked out, then counts a failure or remembers the key.
     *
     * @return false when the address is locked out and nothing was tried
     */
    boolean attempt(ImapSession session, String user, String password, Runnable login) {
        Optional<String> address = ImapClientAddress.of(session);
        if (address.flatMap(throttle::lockedOut).isPresent()) {
            return false;
        }
        login.run();
        if (session.getState() == ImapSessionState.AUTHENTICATED) {
            logins.login(user, password, Permission.READ).ifPresent(key -> session.setAttribute(SESSION_KEY, key));
        } else {
            address.ifPresent(throttle::failed);
        }
        return true;
    }

    /** Whether a logged-in session's key has been revoked since. */
    boolean revoked(ImapSession session) {
        Object key = session.getAttribute(SESSION_KEY);
        return key instanceof ApiKey apiKey && !logins.stillValid(apiKey);
    }
}
