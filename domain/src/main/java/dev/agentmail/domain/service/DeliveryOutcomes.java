package dev.agentmail.domain.service;

import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells of what became of mail our inboxes sent: delivered, bounced, rejected or complained about. The mail
 * pipeline reports outcomes by the sending address and the Message-ID; those of mail we did not send are ignored,
 * and so are complaints about mail of a custom domain whose {@code feedback_enabled} is off.
 */
public class DeliveryOutcomes {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryOutcomes.class);
    private static final Set<EventType> OUTCOMES = Set.of(EventType.MESSAGE_DELIVERED, EventType.MESSAGE_BOUNCED,
        EventType.MESSAGE_REJECTED, EventType.MESSAGE_COMPLAINED);

    private final InboxRepository inboxes;
    private final DomainRepository domains;
    private final MessageRepository messages;
    private final MessageEvents events;
    private final Clock clock;

    @Inject
    public DeliveryOutcomes(InboxRepository inboxes, DomainRepository domains, MessageRepository messages,
                            MessageEvents events, Clock clock) {
        this.inboxes = inboxes;
        this.domains = domains;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param senderAddress the address of the inbox that sent the message
     * @param rfcMessageId  its Message-ID, angle brackets included
     * @return whether the message was one of ours, and the event was told
     */
    public boolean report(EventType outcome, String senderAddress, String rfcMessageId, List<String> recipients) {
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("not a delivery outcome: " + outcome.wireName());
        }
        Optional<Inbox> inbox = inboxOf(senderAddress);
        if (outcome == EventType.MESSAGE_COMPLAINED && inbox.isPresent() && !feedbackEnabled(inbox.get())) {
            LOGGER.debug("Complaint about mail of {} ignored: its domain has feedback disabled", senderAddress);
            return false;
        }
        Optional<StoredMessage> sent = inbox
            .flatMap(sender -> messages.findByRfcMessageId(sender.id(), Direction.OUTBOUND, rfcMessageId.strip()));
        sent.ifPresentOrElse(message -> {
                LOGGER.info("{} {} of inbox {} for {}", outcome.wireName(), message.id(), message.inboxId(), recipients);
                events.publish(new MessageEvent(outcome, message, recipients, clock.instant()));
            },
            () -> LOGGER.debug("{} for {} from {}: not a message we sent", outcome.wireName(), rfcMessageId, senderAddress));
        return sent.isPresent();
    }

    /** Custom domains choose; the platform domain, which has no record, always tells. */
    private boolean feedbackEnabled(Inbox inbox) {
        return domains.find(inbox.domain()).map(Domain::feedbackEnabled).orElse(true);
    }

    private Optional<Inbox> inboxOf(String address) {
        int at = address.strip().lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String lowered = address.strip().toLowerCase(Locale.ROOT);
        return inboxes.findByAddress(lowered.substring(0, at), lowered.substring(at + 1));
    }
}
