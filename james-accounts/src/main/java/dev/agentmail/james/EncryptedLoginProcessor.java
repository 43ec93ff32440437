package dev.agentmail.james;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import javax.inject.Inject;
import java.util.List;

/**
 * IMAP LOGIN, refused with {@code NO [PRIVACYREQUIRED]} (RFC 5530) and announced LOGINDISABLED where a password may
 * not travel in clear, and with {@code NO [UNAVAILABLE]} while the client's address is locked out ({@link ImapLoginGuard}).
 */
public class EncryptedLoginProcessor extends LoginProcessor {
    static final HumanReadableText USE_TLS = new HumanReadableText("agentmail.imap.privacy.required",
        "Use STARTTLS or the IMAPS port before sending a password");

    private final PlaintextAuthRule rule;
    private final ImapLoginGuard guard;

    @Inject
    public EncryptedLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                   MetricFactory metricFactory, PlaintextAuthRule rule, ImapLoginGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.rule = rule;
        this.guard = guard;
    }

    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        guarded(guard, attempt, session, () -> super.doAuth(attempt, session, request, responder, failed),
            () -> no(request, responder, ImapLoginGuard.TOO_MANY_FAILURES, ImapResponseCodes.UNAVAILABLE));
    }

    @Override
    protected void doAuthWithDelegation(AuthenticationAttempt attempt, ImapSession session, ImapRequest request,
                                        Responder responder) {
        guarded(guard, attempt, session, () -> super.doAuthWithDelegation(attempt, session, request, responder),
            () -> no(request, responder, ImapLoginGuard.TOO_MANY_FAILURES, ImapResponseCodes.UNAVAILABLE));
    }

    /** Shared with {@link EncryptedAuthenticateProcessor}: James's attempt, or {@code refused} while locked out. */
    static void guarded(ImapLoginGuard guard, AuthenticationAttempt attempt, ImapSession session, Runnable login,
                        Runnable refused) {
        String user = attempt.getAuthenticationId() == null ? "" : attempt.getAuthenticationId().asString();
        if (!guard.attempt(session, user, attempt.getPassword(), login)) {
            refused.run();
        }
    }

    @Override
    protected void processRequest(LoginRequest request, ImapSession session, Responder responder) {
        if (permitted(rule, session)) {
            super.processRequest(request, session, responder);
        } else {
            no(request, responder, USE_TLS, ImapResponseCodes.PRIVACY_REQUIRED);
        }
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return permitted(rule, session) ? super.getImplementedCapabilities(session) : List.of(Capability.of("LOGINDISABLED"));
    }

    static boolean permitted(PlaintextAuthRule rule, ImapSession session) {
        return rule.permits(session.isTLSActive(), ImapClientAddress.of(session));
    }
}
