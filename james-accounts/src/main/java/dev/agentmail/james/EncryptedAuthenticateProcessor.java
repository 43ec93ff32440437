package dev.agentmail.james;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import javax.inject.Inject;
import java.util.List;

/** IMAP AUTHENTICATE, refused and not announced where {@link EncryptedLoginProcessor} refuses LOGIN. */
public class EncryptedAuthenticateProcessor extends AuthenticateProcessor {
    private final PlaintextAuthRule rule;
    private final ImapLoginGuard guard;

    @Inject
    public EncryptedAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                          MetricFactory metricFactory, PlaintextAuthRule rule, ImapLoginGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.rule = rule;
        this.guard = guard;
    }

    // Reached for SASL PLAIN with and without an initial response, so the throttle covers both.
    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        EncryptedLoginProcessor.guarded(guard, attempt, session, () -> super.doAuth(attempt, session, request, responder, failed),
            () -> no(request, responder, ImapLoginGuard.TOO_MANY_FAILURES, ImapResponseCodes.UNAVAILABLE));
    }

    @Override
    protected void doAuthWithDelegation(AuthenticationAttempt attempt, ImapSession session, ImapRequest request,
                                        Responder responder) {
        EncryptedLoginProcessor.guarded(guard, attempt, session,
            () -> super.doAuthWithDelegation(attempt, session, request, responder),
            () -> no(request, responder, ImapLoginGuard.TOO_MANY_FAILURES, ImapResponseCodes.UNAVAILABLE));
    }

    @Override
    protected void processRequest(AuthenticateRequest request, ImapSession session, Responder responder) {
        if (EncryptedLoginProcessor.permitted(rule, session)) {
            super.processRequest(request, session, responder);
        } else {
            no(request, responder, EncryptedLoginProcessor.USE_TLS, ImapResponseCodes.PRIVACY_REQUIRED);
        }
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return EncryptedLoginProcessor.permitted(rule, session) ? super.getImplementedCapabilities(session) : List.of();
    }
}
