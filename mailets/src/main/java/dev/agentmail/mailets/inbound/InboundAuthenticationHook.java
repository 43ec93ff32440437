package dev.agentmail.mailets.inbound;

import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.InboundRejections;
import dev.agentmail.mailets.inbound.DmarcRecord.Disposition;
import dev.agentmail.mime.AuthenticationResults;
import dev.agentmail.mime.MessageParser;
import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * On the inbound SMTP port, once the message is in (DATA): checks SPF, DKIM and DMARC, and leaves the verdict on the
 * mail for the pipeline, which writes our Authentication-Results header ({@link AddAuthenticationResults}). With
 * AGENTMAIL_INBOUND_DMARC=enforce, a failing message whose sender domain says {@code p=reject} is refused here with
 * {@code 550 5.7.1} (and its inboxes hear {@code message.rejected}); {@code p=quarantine} is delivered with the label
 * {@code quarantine}. Only this port's handler chain has the hook: submission and the API are never judged.
 */
public class InboundAuthenticationHook implements JamesMessageHook {
    /** The value of our Authentication-Results header for this mail. */
    public static final AttributeName RESULTS = AttributeName.of("dev.agentmail.authentication-results");
    /** Present when the sender domain's DMARC policy asked for quarantine and we enforce it. */
    public static final AttributeName QUARANTINE = AttributeName.of("dev.agentmail.dmarc-quarantine");

    private static final Logger LOGGER = LoggerFactory.getLogger(InboundAuthenticationHook.class);

    private final InboundAuthenticator authenticator;
    private final InboundDmarc mode;
    private final InboundRejections rejections;
    private final String authservId;

    @Inject
    public InboundAuthenticationHook(InboundAuthenticator authenticator, InboundDmarc mode,
                                     InboundRejections rejections, DomainSettings settings) {
        this.authenticator = authenticator;
        this.mode = mode;
        this.rejections = rejections;
        this.authservId = settings.mxHost();
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        InboundAuthenticator.Verdict verdict;
        try {
            String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection)
                .orElse("");
            verdict = authenticator.evaluate(session.getRemoteAddress().getAddress().getHostAddress(), helo,
                mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(""), mail.getMessage());
        } catch (Exception e) {
            // Our failure, not the sender's: the mail goes on unjudged rather than being lost.
            LOGGER.warn("Could not check the authentication of {}", mail.getName(), e);
            return HookResult.DECLINED;
        }
        String header = AuthenticationResults.format(authservId, verdict.results(), verdict.spfIdentity(),
            verdict.dkimDomain(), verdict.fromDomain());
        LOGGER.info("{} from {}: spf={} dkim={} dmarc={}", mail.getName(), session.getRemoteAddress().getAddress()
            .getHostAddress(), verdict.results().spf(), verdict.results().dkim(), verdict.results().dmarc());
        if (mode == InboundDmarc.ENFORCE && verdict.disposition() == Disposition.REJECT) {
            reportRejection(mail, verdict);
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("550")
                .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
                    + " rejected by the DMARC policy of " + verdict.fromDomain())
                .build();
        }
        mail.setAttribute(new Attribute(RESULTS, AttributeValue.of(header)));
        if (mode == InboundDmarc.ENFORCE && verdict.disposition() == Disposition.QUARANTINE) {
            mail.setAttribute(new Attribute(QUARANTINE, AttributeValue.of(true)));
        }
        return HookResult.DECLINED;
    }

    private void reportRejection(Mail mail, InboundAuthenticator.Verdict verdict) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mail.getMessage().writeTo(raw);
            rejections.report(mail.getRecipients().stream().map(MailAddress::asString).toList(),
                MessageParser.parse(new ByteArrayInputStream(raw.toByteArray()))
                    .withAuthentication(Optional.of(verdict.results())), raw.size());
        } catch (Exception e) {
            LOGGER.warn("Could not report the rejection of {}", mail.getName(), e);
        }
    }
}
