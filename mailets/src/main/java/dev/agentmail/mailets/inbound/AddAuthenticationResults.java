package dev.agentmail.mailets.inbound;

import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.Labels;
import dev.agentmail.mime.AuthenticationResults;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.GenericMailet;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Before local delivery: removes every Authentication-Results field that claims our authserv-id (only we write one,
 * so whatever entry point the mail came by, one already there is forged), then adds ours to mail the inbound SMTP port
 * judged ({@link InboundAuthenticationHook}). Mail whose DMARC quarantine we enforce gets the label {@code quarantine}.
 */
public class AddAuthenticationResults extends GenericMailet {
    private static final String QUARANTINE_LABEL = "quarantine";

    private final String authservId;

    @Inject
    public AddAuthenticationResults(DomainSettings settings) {
        this.authservId = settings.mxHost();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String[] existing = message.getHeader(AuthenticationResults.HEADER);
        Optional<String> ours = AttributeUtils.getValueAndCastFromMail(mail, InboundAuthenticationHook.RESULTS, String.class);
        boolean forged = existing != null
            && Arrays.stream(existing).anyMatch(value -> AuthenticationResults.claims(authservId, value));
        if (forged) {
            message.removeHeader(AuthenticationResults.HEADER);
            for (String value : existing) {
                if (!AuthenticationResults.claims(authservId, value)) {
                    message.addHeader(AuthenticationResults.HEADER, value);
                }
            }
        }
        if (ours.isPresent()) {
            message.addHeader(AuthenticationResults.HEADER, ours.get());
        }
        if (forged || ours.isPresent()) {
            message.saveChanges();
        }
        if (AttributeUtils.getValueAndCastFromMail(mail, InboundAuthenticationHook.QUARANTINE, Boolean.class).orElse(false)) {
            for (MailAddress recipient : mail.getRecipients()) {
                StorageDirective.builder()
                    .keywords(Optional.of(List.of(Labels.toKeyword(QUARANTINE_LABEL))))
                    .build()
                    .encodeAsAttributes(Username.of(recipient.asString()))
                    .forEach(mail::setAttribute);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Writes our Authentication-Results header";
    }
}
