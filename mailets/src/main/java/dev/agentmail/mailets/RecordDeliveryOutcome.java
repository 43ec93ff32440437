package dev.agentmail.mailets;

import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.service.DeliveryOutcomes;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import javax.mail.MessagingException;
import java.util.Locale;

/**
 * Reports what became of a mail one of our inboxes sent, at the point of the pipeline where it is known: with
 * {@code <outcome>delivered</outcome>} before local delivery and after remote delivery succeeded, with
 * {@code rejected} where mail is refused. The mail itself goes on unchanged; a failure to report never stops it.
 */
public class RecordDeliveryOutcome extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordDeliveryOutcome.class);

    private final DeliveryOutcomes outcomes;
    private EventType outcome;

    @Inject
    public RecordDeliveryOutcome(DeliveryOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void init() throws MessagingException {
        String name = getInitParameter("outcome", "");
        outcome = EventType.fromWireName("message." + name.toLowerCase(Locale.ROOT))
            .filter(type -> type == EventType.MESSAGE_DELIVERED || type == EventType.MESSAGE_REJECTED)
            .orElseThrow(() -> new MessagingException("outcome must be delivered or rejected, not '" + name + "'"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String messageId = mail.getMessage().getHeader("Message-ID", null);
        // Only our inboxes send mail we report on, and they live on local domains: mail from elsewhere, most of
        // what local delivery sees, costs no lookup.
        if (messageId == null || !mail.hasSender() || mail.getRecipients().isEmpty()
            || !getMailetContext().isLocalServer(mail.getMaybeSender().get().getDomain())) {
            return;
        }
        try {
            outcomes.report(outcome, mail.getMaybeSender().asString(), messageId,
                mail.getRecipients().stream().map(MailAddress::asString).toList());
        } catch (RuntimeException e) {
            LOGGER.warn("Could not report {} of {}", outcome.wireName(), mail.getName(), e);
        }
    }
}
