package dev.agentmail.james;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.Labels;
import dev.agentmail.domain.service.MessageIndexer;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.MessageRepository;
import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.ThreadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.mail.Flags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The mailbox and the index are mocked: this is how MailboxIndexing picks where a message's content comes from. */
class MailboxIndexingTest {
    private static final Username OWNER = Username.of("agent@ours.example");
    private static final MailboxId MAILBOX = () -> "7";
    private static final MessageUid UID = MessageUid.of(3);
    private static final MailboxLocation LOCATION = new MailboxLocation(MAILBOX.serialize(), UID.asLong());
    private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");
    private static final byte[] RAW = "From: alice@example.com\r\nSubject: Hi\r\n\r\nHello.\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    private static final Inbox INBOX = new Inbox("inb_1", "org_1", "agent", "ours.example", Optional.empty(),
        Optional.empty(), RECEIVED, RECEIVED);

    private final MailboxManager mailboxes = mock(MailboxManager.class);
    private final InboxRepository inboxes = mock(InboxRepository.class);
    private final MessageRepository messages = mock(MessageRepository.class);
    private final MessageIndexer indexer = mock(MessageIndexer.class);
    private final AppendedMessages appended = new AppendedMessages();
    private final MailboxIndexing indexing = new MailboxIndexing(mailboxes, inboxes, messages, indexer, appended,
        new DomainSettings("mx.ours.example", 10, "_spf.ours.example", "dkim", Optional.empty(), false,
            Optional.empty()));

    @BeforeEach
    void setUp() {
        when(inboxes.findByAddress("agent", "ours.example")).thenReturn(Optional.of(INBOX));
        when(messages.findByLocation(any())).thenReturn(Optional.empty());
    }

    private static MailboxEvents.Added added(MailboxPath path) {
        Flags flags = new Flags();
        flags.add(Labels.toKeyword("urgent"));
        MessageId messageId = mock(MessageId.class);
        TreeMap<MessageUid, MessageMetaData> metaData = new TreeMap<>();
        metaData.put(UID, new MessageMetaData(UID, ModSeq.of(5), flags, RAW.length, Date.from(RECEIVED),
            Optional.empty(), messageId, ThreadId.fromBaseMessageId(messageId)));
        return new MailboxEvents.Added(MailboxSession.SessionId.of(1), OWNER, path, MAILBOX, metaData,
            Event.EventId.random(), MailboxEvents.Added.IS_DELIVERY);
    }

    @Test
    void aMessageTheStoreLeftInMemoryIsIndexedWithoutReadingTheMailbox() throws Exception {
        appended.remember(LOCATION, RAW);

        indexing.indexAdded(added(MailboxPath.inbox(OWNER)));

        verify(indexer).index(eq(INBOX), eq(Direction.INBOUND), eq(LOCATION),
            argThat(content -> content.subject().equals("Hi")), eq(Set.of("urgent")), eq((long) RAW.length),
            eq(RECEIVED));
        verifyNoInteractions(mailboxes);
        assertThat(appended.take(LOCATION)).isEmpty();
    }

    @Test
    void whatLandsInAFolderThatIsNotIndexedIsStillDroppedFromMemory() throws Exception {
        appended.remember(LOCATION, RAW);

        indexing.indexAdded(added(MailboxPath.forUser(OWNER, "Archive")));

        verifyNoInteractions(mailboxes, indexer);
        assertThat(appended.take(LOCATION)).isEmpty();
    }
}
