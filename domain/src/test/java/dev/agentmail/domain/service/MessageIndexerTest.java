package dev.agentmail.domain.service;

import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.InMemoryAttachmentTextRepository;
import dev.agentmail.domain.store.MessageRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class MessageIndexerTest {
    private static final Inbox INBOX = new Inbox("inbox_1", "org_1", "agent", "agentmail.test", Optional.empty(),
        Optional.empty(), Instant.EPOCH, Instant.EPOCH);
    private static final MailboxLocation LOCATION = new MailboxLocation("mbx_1", 7);
    private static final Analysis CODE = new Analysis(Optional.of("123456"), Optional.of("Your code is 123456"),
        Optional.empty(), Optional.empty(), Optional.empty());

    private final MutableClock clock = new MutableClock();
    private final MessageRepository messages = mock(MessageRepository.class);
    private final MessageEvents events = new MessageEvents();
    private final List<MessageEvent> published = new ArrayList<>();
    private final List<byte[]> read = new ArrayList<>();
    private final MessageIndexer indexer = new MessageIndexer(messages, new Threading(messages), events,
        content -> CODE, raw -> {
            read.add(raw);
            return content("read from bytes");
        }, new AttachmentTextQueue(new InMemoryAttachmentTextRepository(), clock), new MillisecondClock(clock));

    @BeforeEach
    void listen() {
        events.subscribe(published::add);
        when(messages.findByLocation(any())).thenReturn(Optional.empty());
        when(messages.create(any())).thenReturn(true);
        when(messages.createStartingThread(any())).thenReturn(true);
    }

    static MessageContent content(String subject) {
        return new MessageContent(Optional.of("<m1@example.com>"), Optional.empty(), List.of(), subject,
            "sender@example.com", List.of(), List.of("agent@agentmail.test"), List.of(), List.of(), Optional.of("hi"),
            Optional.empty(), "hi", Map.of(), List.of());
    }

    @Test
    void receivedMailIsAnalysedStoredAtWholeMillisecondsAndAnnounced() {
        Instant arrived = Instant.parse("2025-01-15T10:29:59.987654Z");

        StoredMessage message = indexer.index(INBOX, Direction.INBOUND, LOCATION, content("Code"), Set.of("work"), 321,
            arrived);

        verify(messages).createStartingThread(message);
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.threadId()).startsWith("thr_");
        assertThat(message.organizationId()).isEqualTo("org_1");
        assertThat(message.inboxId()).isEqualTo("inbox_1");
        assertThat(message.location()).isEqualTo(LOCATION);
        assertThat(message.analysis()).isEqualTo(CODE);
        assertThat(message.labels()).containsExactly("work");
        assertThat(message.size()).isEqualTo(321);
        assertThat(message.timestamp()).isEqualTo(Instant.parse("2025-01-15T10:29:59.987Z"));
        assertThat(message.createdAt()).isEqualTo(Instant.parse("2025-01-15T10:30:00.123Z")).isEqualTo(message.updatedAt());
        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.MESSAGE_RECEIVED);
            assertThat(event.message()).isEqualTo(message);
            assertThat(event.at()).isEqualTo(message.createdAt());
        });
    }

    @Test
    void sentMailIsNeitherAnalysedNorAnnouncedHere() {
        StoredMessage message = indexer.index(INBOX, Direction.OUTBOUND, LOCATION, content("Hello"), Set.of(), 10,
            clock.instant());

        assertThat(message.analysis()).isEqualTo(Analysis.NONE);
        assertThat(message.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(published).isEmpty();
    }

    @Test
    void aLocationIndexedAlreadyKeepsItsFirstEntryAndIsNotAnnouncedAgain() {
        StoredMessage first = indexer.index(INBOX, Direction.INBOUND, LOCATION, content("Code"), Set.of(), 1, clock.instant());
        when(messages.createStartingThread(any())).thenReturn(false);
        when(messages.findByLocation(LOCATION)).thenReturn(Optional.of(first));

        StoredMessage again = indexer.index(INBOX, Direction.INBOUND, LOCATION, content("Code"), Set.of(), 1, clock.instant());

        assertThat(again).isSameAs(first);
        assertThat(published).hasSize(1);
    }

    @Test
    void aCopyJustStoredIsReadFromItsBytesUnlessTheListenerIndexedItFirst() {
        byte[] raw = "Subject: read from bytes\r\n\r\nhi\r\n".getBytes();

        StoredMessage stored = indexer.indexStored(INBOX, Direction.OUTBOUND, LOCATION, raw, clock.instant());

        assertThat(read).containsExactly(raw);
        assertThat(stored.content().subject()).isEqualTo("read from bytes");
        assertThat(stored.size()).isEqualTo(raw.length);
        assertThat(stored.labels()).isEmpty();

        when(messages.findByLocation(LOCATION)).thenReturn(Optional.of(stored));
        assertThat(indexer.indexStored(INBOX, Direction.OUTBOUND, LOCATION, raw, clock.instant())).isSameAs(stored);
        assertThat(read).hasSize(1);
        verify(messages, times(1)).createStartingThread(any(StoredMessage.class));
    }

    @Test
    void aMessageThatJoinsAThreadIsStoredAsJoiningIt() {
        when(messages.threadOfRfcMessageIds("inbox_1", List.of("<root@example.com>"))).thenReturn(Optional.of("thr_root"));
        MessageContent reply = new MessageContent(Optional.of("<m2@example.com>"), Optional.of("<root@example.com>"),
            List.of(), "Re: Plans", "sender@example.com", List.of(), List.of("agent@agentmail.test"), List.of(), List.of(),
            Optional.of("yes"), Optional.empty(), "yes", Map.of(), List.of());

        StoredMessage message = indexer.index(INBOX, Direction.INBOUND, LOCATION, reply, Set.of(), 1, clock.instant());

        assertThat(message.threadId()).isEqualTo("thr_root");
        verify(messages).create(message);
        verify(messages, never()).createStartingThread(any());
    }
}
