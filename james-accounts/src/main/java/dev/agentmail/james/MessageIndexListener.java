package dev.agentmail.james;

import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.store.MessageRepository;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.UpdatedFlags;

import javax.inject.Inject;
import java.time.Clock;
import java.util.Set;

/**
 * Keeps the message index in step with the inboxes' INBOX and Sent folders, whoever changes them: SMTP delivery,
 * the API, or a person's IMAP client. Runs synchronously on the in-process event bus, so a delivery is indexed when
 * its append returns; the distributed event bus runs it once in the cluster, soon after.
 */
public class MessageIndexListener implements EventListener.GroupEventListener {
    public static class MessageIndexGroup extends Group {
    }

    private static final Group GROUP = new MessageIndexGroup();

    private final MailboxIndexing indexing;
    private final MessageRepository messages;
    private final Clock clock;

    @Inject
    public MessageIndexListener(MailboxIndexing indexing, MessageRepository messages, Clock clock) {
        this.indexing = indexing;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SYNCHRONOUS;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.Added || event instanceof MailboxEvents.Expunged
            || event instanceof MailboxEvents.FlagsUpdated || event instanceof MailboxEvents.MailboxDeletion;
    }

    @Override
    public void event(Event event) throws Exception {
        if (event instanceof MailboxEvents.Added added) {
            indexing.indexAdded(added);
        } else if (event instanceof MailboxEvents.Expunged expunged) {
            expunged.getUids().forEach(uid -> messages.delete(location(expunged, uid.asLong())));
        } else if (event instanceof MailboxEvents.FlagsUpdated updated) {
            updated.getUpdatedFlags().forEach(flags -> relabel(updated, flags));
        } else if (event instanceof MailboxEvents.MailboxDeletion deletion) {
            messages.deleteMailbox(deletion.getMailboxId().serialize());
        }
    }

    private void relabel(MailboxEvents.FlagsUpdated event, UpdatedFlags flags) {
        MailboxLocation location = location(event, flags.getUid().asLong());
        Set<String> labels = MailboxIndexing.labels(flags.getNewFlags());
        messages.findByLocation(location)
            .filter(message -> !message.labels().equals(labels))
            .ifPresent(message -> messages.updateLabels(message.id(), labels, clock.instant()));
    }

    private static MailboxLocation location(MailboxEvents.MailboxEvent event, long uid) {
        return new MailboxLocation(event.getMailboxId().serialize(), uid);
    }
}
