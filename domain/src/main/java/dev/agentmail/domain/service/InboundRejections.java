package dev.agentmail.domain.service;

import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.InboxRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the inboxes a message from outside was meant for that our SMTP server refused it (a sender domain's DMARC
 * policy said reject, or the inbox's receive lists): {@code message.rejected} with the message as it would have shown. It was never stored, so
 * its id leads nowhere.
 */
public class InboundRejections {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundRejections.class);
    /** A message that is in no mailbox. */
    private static final MailboxLocation NOWHERE = new MailboxLocation("", 0);

    private final InboxRepository inboxes;
    private final MessageEvents events;
    private final Clock clock;

    @Inject
    public InboundRejections(InboxRepository inboxes, MessageEvents events, Clock clock) {
        this.inboxes = inboxes;
        this.events = events;
        this.clock = clock;
    }

    public void report(List<String> recipients, MessageContent content, long size) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (String recipient : recipients) {
            inboxOf(recipient).ifPresent(inbox -> {
                StoredMessage message = new StoredMessage(Ids.message(), inbox.organizationId(), inbox.id(), Ids.thread(),
                    Direction.INBOUND, NOWHERE, content, Analysis.NONE, Set.of(), size, now, now, now);
                LOGGER.info("message.rejected for inbox {}: {} from {} refused at SMTP", inbox.id(), message.id(),
                    content.from());
                events.publish(new MessageEvent(EventType.MESSAGE_REJECTED, message, List.of(recipient), now));
            });
        }
    }

    /** A message refused before its content was sent (at RCPT): it shows with its envelope sender only. */
    public void reportEnvelope(String recipient, String sender) {
        report(List.of(recipient), new MessageContent(Optional.empty(), Optional.empty(), List.of(), "", sender,
            List.of(), List.of(recipient), List.of(), List.of(), Optional.empty(), Optional.empty(), "", Map.of(),
            List.of()), 0);
    }

    private Optional<Inbox> inboxOf(String address) {
        String lowered = address.strip().toLowerCase(Locale.ROOT);
        int at = lowered.lastIndexOf('@');
        return at <= 0 ? Optional.empty() : inboxes.findByAddress(lowered.substring(0, at), lowered.substring(at + 1));
    }
}
