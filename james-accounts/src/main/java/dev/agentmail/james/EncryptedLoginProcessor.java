package dev.agentmail.james;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import javax.inject.Inject;
import java.lang.reflect.Constructor;
import java.util.List;

/** IMAP LOGIN, refused with {@code NO [PRIVACYREQUIRED]} (RFC 5530) and announced LOGINDISABLED where a password may not travel in clear. */
public class EncryptedLoginProcessor extends LoginProcessor {
    static final StatusResponse.ResponseCode PRIVACY_REQUIRED = privacyRequired();
    static final HumanReadableText USE_TLS = new HumanReadableText("agentmail.imap.privacy.required",
        "Use STARTTLS or the IMAPS port before sending a password");

    private final PlaintextAuthRule rule;

    @Inject
    public EncryptedLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                   MetricFactory metricFactory, PlaintextAuthRule rule) {
        super(mailboxManager, factory, metricFactory);
        this.rule = rule;
    }

    @Override
    protected void processRequest(LoginRequest request, ImapSession session, Responder responder) {
        if (permitted(rule, session)) {
            super.processRequest(request, session, responder);
        } else {
            no(request, responder, USE_TLS, PRIVACY_REQUIRED);
        }
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return permitted(rule, session) ? super.getImplementedCapabilities(session) : List.of(Capability.of("LOGINDISABLED"));
    }

    /**
     * RFC 5530's code. James 3.8.1 makes codes outside its list only as {@code X}-extensions, so the one it lacks
     * is built through its private constructor; should that ever fail, clients still get {@code [XPRIVACYREQUIRED]}.
     */
    private static StatusResponse.ResponseCode privacyRequired() {
        try {
            Constructor<StatusResponse.ResponseCode> constructor =
                StatusResponse.ResponseCode.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance("PRIVACYREQUIRED");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return StatusResponse.ResponseCode.createExtension("PRIVACYREQUIRED");
        }
    }

    static boolean permitted(PlaintextAuthRule rule, ImapSession session) {
        return rule.permits(session.isTLSActive(), ImapClientAddress.of(session));
    }
}
