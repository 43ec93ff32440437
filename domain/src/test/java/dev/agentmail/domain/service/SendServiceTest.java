package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.UnverifiedDomainException;
import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.OutgoingMail;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.MailAccounts;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.port.MailSender;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.store.InMemoryDomainRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import dev.agentmail.domain.store.InMemoryListEntryRepository;
import dev.agentmail.domain.store.InMemoryOrganizationRepository;
import dev.agentmail.domain.store.InMemorySendCounters;
import dev.agentmail.domain.store.InMemorySendLimitOverrides;
import dev.agentmail.domain.model.SendLimit;
import dev.agentmail.domain.error.RateLimitedException;
import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.domain.store.InMemoryAttachmentTextRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Sending, from the request to the spool: what is stored, indexed and handed on, in which order, and what is refused. */
class SendServiceTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00.123Z");
    private static final MailboxLocation SENT_COPY = new MailboxLocation("sent_1", 42);
    private static final ComposedMail COMPOSED = new ComposedMail("<m1@agentmail.test>",
        "Subject: Hello\r\n\r\nHi\r\n".getBytes(), "Bcc: hidden@example.com\r\nSubject: Hello\r\n\r\nHi\r\n".getBytes());

    private final MillisecondClock clock = new MillisecondClock(new MutableClock(Instant.parse("2025-01-15T10:30:00.123456Z")));
    private final PlatformSettings platform = new PlatformSettings("agentmail.test", 10, 10, 1024, false);
    private final InMemoryInboxRepository inboxes = new InMemoryInboxRepository();
    private final InMemoryListEntryRepository lists = new InMemoryListEntryRepository();
    private final InMemoryDomainRepository domains = new InMemoryDomainRepository();
    private final MessageRepository index = mock(MessageRepository.class);
    private final MessageEvents events = new MessageEvents();
    private final List<MessageEvent> published = new ArrayList<>();
    private final List<String> steps = new ArrayList<>();
    private final FakeMailbox mailbox = new FakeMailbox();
    private final FakeSender sender = new FakeSender();
    private final AtomicReference<StoredMessage> indexed = new AtomicReference<>();
    private final List<OutgoingMail> composed = new ArrayList<>();
    private final InMemorySendCounters counters = new InMemorySendCounters();
    private final InMemorySendLimitOverrides overrides = new InMemorySendLimitOverrides();
    private DomainService domainService;
    private SendService service;

    @BeforeEach
    void setUp() {
        domainService = new DomainService(domains, inboxes, mock(MailDomains.class), mock(DnsLookup.class),
            new DomainEvents(), platform, DomainServiceTest.SETTINGS, clock);
        InboxService inboxService = new InboxService(inboxes, mock(MailAccounts.class), domainService, platform, clock);
        MessageService messages = new MessageService(inboxService, index, mailbox, events, new EventFeed(), clock);
        MessageIndexer indexer = new MessageIndexer(index, new Threading(index), events, content -> Analysis.NONE,
            raw -> MessageIndexerTest.content("Hello"), new AttachmentTextQueue(new InMemoryAttachmentTextRepository(), clock),
            clock);
        service = new SendService(inboxService, messages, indexer, mailbox, mail -> {
            composed.add(mail);
            return COMPOSED;
        }, sender, (field, url, maxBytes) -> {
            throw new AssertionError("no URL attachments here");
        }, events, domainService, new ListPolicy(lists, inboxes), new SendLimits(counters, overrides,
            new InMemoryOrganizationRepository(), SendLimitSettings.standard(), clock), platform, clock, () -> {
            throw new AssertionError("these inboxes send directly");
        });
        events.subscribe(published::add);

        when(index.findByLocation(any())).thenReturn(Optional.empty());
        when(index.create(any())).thenAnswer(call -> {
            steps.add("index");
            indexed.set(call.getArgument(0));
            return true;
        });
        when(index.createStartingThread(any())).thenCallRealMethod();
        when(index.find(eq("org_1"), anyString(), anyString())).thenAnswer(call -> Optional.ofNullable(indexed.get()));
        inboxes.create(inbox("inbox_1", "agent", "agentmail.test", Optional.empty()));
    }

    private static Inbox inbox(String id, String username, String domain, Optional<Instant> expiresAt) {
        return new Inbox(id, "org_1", username, domain, Optional.of("Agent"), Optional.empty(), NOW, NOW, expiresAt);
    }

    private static SendService.NewMessage message(List<String> labels) {
        return new SendService.NewMessage(List.of("Friend <friend@example.com>"), List.of(), List.of("hidden@example.com"),
            List.of(), "Hello", "Hi", null, labels, List.of(), Map.of());
    }

    @Test
    void theSentCopyIsStoredAndIndexedBeforeTheMessageIsSpooled() {
        SendService.Sent sent = (SendService.Sent) service.send("org_1", "inbox_1", message(List.of()));

        assertThat(steps).containsExactly("store", "index", "enqueue");
        StoredMessage message = indexed.get();
        assertThat(sent).isEqualTo(new SendService.Sent(message.id(), message.threadId()));
        assertThat(message.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(message.location()).isEqualTo(SENT_COPY);
        assertThat(message.size()).isEqualTo(COMPOSED.sentCopy().length);
        assertThat(message.timestamp()).isEqualTo(NOW).isEqualTo(sender.storedAt);
        assertThat(sender.recipients).containsExactly("Friend <friend@example.com>", "hidden@example.com");
        assertThat(composed.get(0).fromAddress()).isEqualTo("agent@agentmail.test");
        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.MESSAGE_SENT);
            assertThat(event.message()).isEqualTo(message);
        });
    }

    @Test
    void aCopyTheMailboxListenerIndexedFirstIsTheOneAnswered() {
        StoredMessage byListener = new StoredMessage("msg_listener", "org_1", "inbox_1", "thr_1", Direction.OUTBOUND,
            SENT_COPY, MessageIndexerTest.content("Hello"), Analysis.NONE, Set.of(), 10, NOW, NOW, NOW);
        when(index.findByLocation(SENT_COPY)).thenReturn(Optional.of(byListener));

        SendService.Sent sent = (SendService.Sent) service.send("org_1", "inbox_1", message(List.of()));

        assertThat(sent).isEqualTo(new SendService.Sent("msg_listener", "thr_1"));
        assertThat(steps).containsExactly("store", "enqueue");
        assertThat(published).extracting(MessageEvent::message).containsExactly(byListener);
    }

    @Test
    void whatTheSpoolRefusesIsTakenOutOfSentAgainAndNotAnnounced() {
        sender.refuse = true;

        assertThatThrownBy(() -> service.send("org_1", "inbox_1", message(List.of())))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("spool");

        assertThat(steps).containsExactly("store", "index", "enqueue");
        assertThat(mailbox.deleted).containsExactly(SENT_COPY);
        assertThat(published).isEmpty();
    }

    @Test
    void aSendPastALimitSendsNothingAndOnlyWhatWasSpooledCounts() {
        // message() has two recipients: one send fits in five, the second would make four, the third six.
        overrides.replace("org_1", Map.of(SendLimit.INBOX_PER_DAY, 5));
        sender.refuse = true;
        assertThatThrownBy(() -> service.send("org_1", "inbox_1", message(List.of())))
            .isInstanceOf(IllegalStateException.class);
        sender.refuse = false;
        service.send("org_1", "inbox_1", message(List.of()));
        service.send("org_1", "inbox_1", message(List.of()));
        steps.clear();

        assertThatThrownBy(() -> service.send("org_1", "inbox_1", message(List.of())))
            .isInstanceOf(RateLimitedException.class)
            .hasMessageContaining("may send to 5 recipients per day and has sent to 4 this day");
        assertThat(steps).isEmpty();
    }

    @Test
    void labelsAreSetOnTheSentMessageBeforeItIsAnnounced() {
        service.send("org_1", "inbox_1", message(List.of("outreach")));

        assertThat(mailbox.keywords).containsExactly(Set.of(Labels.toKeyword("outreach")));
        verify(index).updateLabels(eq(indexed.get().id()), eq(Set.of("outreach")), eq(NOW));
        assertThat(published.get(0).message().labels()).containsExactly("outreach");
    }

    @Test
    void disposableInboxesAndUnverifiedDomainsSendNothing() {
        inboxes.create(inbox("inbox_2", "temp", "agentmail.test", Optional.of(NOW.plusSeconds(60))));
        assertThatThrownBy(() -> service.send("org_1", "inbox_2", message(List.of())))
            .isInstanceOf(ForbiddenException.class).hasMessageContaining("disposable");

        domainService.create("org_1", new DomainService.NewDomain("example.org", null));
        inboxes.create(inbox("inbox_3", "agent", "example.org", Optional.empty()));
        assertThatThrownBy(() -> service.send("org_1", "inbox_3", message(List.of())))
            .isInstanceOf(UnverifiedDomainException.class).hasMessage("the domain example.org is not verified yet");

        assertThat(steps).isEmpty();
        assertThat(published).isEmpty();
        verify(index, never()).create(any());
    }

    @Test
    void aRecipientRefusedByAListStopsTheWholeMessage() {
        lists.add(new ListEntry("org_1", Optional.of("inbox_1"), ListEntry.Direction.SEND, ListEntry.Kind.BLOCK,
            "hidden@example.com", Optional.empty(), NOW));

        assertThatThrownBy(() -> service.send("org_1", "inbox_1", message(List.of())))
            .isInstanceOf(ListPolicy.RefusedException.class).hasMessageContaining("hidden@example.com");
        assertThat(steps).isEmpty();
        assertThat(published).isEmpty();
        verify(index, never()).create(any());
    }

    private final class FakeSender implements MailSender {
        boolean refuse;
        Instant storedAt;
        List<String> recipients;

        @Override
        public MailboxLocation storeSentCopy(String senderAddress, ComposedMail mail, Instant at) {
            steps.add("store");
            storedAt = at;
            return SENT_COPY;
        }

        @Override
        public void enqueue(String senderAddress, ComposedMail mail, List<String> envelopeRecipients) {
            steps.add("enqueue");
            recipients = envelopeRecipients;
            if (refuse) {
                throw new IllegalStateException("could not hand the message to the spool");
            }
        }
    }

    private static final class FakeMailbox implements MailboxMessages {
        final List<MailboxLocation> deleted = new ArrayList<>();
        final List<Set<String>> keywords = new ArrayList<>();

        @Override
        public void setKeywords(String emailAddress, MailboxLocation location, Set<String> keywords) {
            this.keywords.add(keywords);
        }

        @Override
        public byte[] read(String emailAddress, MailboxLocation location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String emailAddress, MailboxLocation location) {
            deleted.add(location);
        }
    }
}
