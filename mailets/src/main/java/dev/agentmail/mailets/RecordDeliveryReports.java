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
import java.io.IOException;
import java.util.Optional;

/**
 * Placed before local delivery: a delivery status notification or an abuse report arriving for one of our inboxes,
 * about a message that inbox sent, becomes {@code message.bounced} or {@code message.complained}. Bounces our own
 * RemoteDelivery produces come back this way too, as the DSN it sends the sender. The report is still delivered.
 */
public class RecordDeliveryReports extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordDeliveryReports.class);

    private final DeliveryOutcomes outcomes;

    @Inject
    public RecordDeliveryReports(DeliveryOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<DeliveryReport> report;
        try {
            report = DeliveryReport.of(mail.getMessage());
        } catch (IOException | MessagingException | RuntimeException e) {
            LOGGER.debug("Not a readable report: {}", mail.getName(), e);
            return;
        }
        report.ifPresent(found -> {
            EventType type = found.kind() == DeliveryReport.Kind.BOUNCE ? EventType.MESSAGE_BOUNCED
                : EventType.MESSAGE_COMPLAINED;
            for (MailAddress reportedTo : mail.getRecipients()) {
                try {
                    outcomes.report(type, reportedTo.asString(), found.originalMessageId(), found.recipients());
                } catch (RuntimeException e) {
                    LOGGER.warn("Could not report {} of {}", type.wireName(), found.originalMessageId(), e);
                }
            }
        });
    }
}
