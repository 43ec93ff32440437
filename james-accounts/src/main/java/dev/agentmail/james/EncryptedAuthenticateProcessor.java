package dev.agentmail.james;

import org.apache.james.imap.api.message.Capability;
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

    @Inject
    public EncryptedAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                          MetricFactory metricFactory, PlaintextAuthRule rule) {
        super(mailboxManager, factory, metricFactory);
        this.rule = rule;
    }

    @Override
    protected void processRequest(AuthenticateRequest request, ImapSession session, Responder responder) {
        if (EncryptedLoginProcessor.permitted(rule, session)) {
            super.processRequest(request, session, responder);
        } else {
            no(request, responder, EncryptedLoginProcessor.USE_TLS, EncryptedLoginProcessor.PRIVACY_REQUIRED);
        }
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return EncryptedLoginProcessor.permitted(rule, session) ? super.getImplementedCapabilities(session) : List.of();
    }
}
