package dev.agentmail.james;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;

import javax.inject.Inject;
import java.util.List;

/**
 * James's SMTP AUTH, refused (538 5.7.11, RFC 4954) and not advertised where {@link PlaintextAuthRule} forbids a
 * password in clear: before STARTTLS, for a client off loopback by default.
 */
public class EncryptedAuthCmdHandler extends AuthCmdHandler {
    private static final Response ENCRYPTION_REQUIRED = new SMTPResponse("538",
        "5.7.11 Encryption required for requested authentication mechanism: use STARTTLS or the implicit TLS port")
        .immutable();

    private final PlaintextAuthRule rule;

    @Inject
    public EncryptedAuthCmdHandler(PlaintextAuthRule rule) {
        this.rule = rule;
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        return permitted(session) ? super.onCommand(session, request) : ENCRYPTION_REQUIRED;
    }

    @Override
    public List<String> getImplementedEsmtpFeatures(SMTPSession session) {
        return permitted(session) ? super.getImplementedEsmtpFeatures(session) : List.of();
    }

    private boolean permitted(SMTPSession session) {
        return rule.permits(session.isTLSStarted(), session.getRemoteAddress().getAddress());
    }
}
