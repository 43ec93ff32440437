package dev.agentmail.domain.service;

import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.AttachmentReader;
import dev.agentmail.domain.port.AttachmentTextReader;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.store.InMemoryAttachmentTextRepository;
import dev.agentmail.domain.store.MessageRepositoryContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class AttachmentTextWorkerTest {
    private final InMemoryAttachmentTextRepository texts = new InMemoryAttachmentTextRepository();
    private final MessageService messages = mock(MessageService.class);
    private final InboxService inboxes = mock(InboxService.class);
    private final MailboxMessages mailbox = mock(MailboxMessages.class);
    private final AttachmentReader attachments = mock(AttachmentReader.class);
    /** Reads the bytes as UTF-8, and fails on the word "corrupt", as a document reader would. */
    private final AttachmentTextReader reader = (InputStream content, long size, String type, Optional<String> name) -> {
        try {
            String text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
            return text.contains("corrupt") ? AttachmentText.of(Status.FAILED) : AttachmentText.ready(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final AttachmentTextQueue queue = new AttachmentTextQueue(texts, clock);
    private final AttachmentTextWorker worker = new AttachmentTextWorker(texts, queue, messages, inboxes, mailbox,
        attachments, reader, clock);

    @Test
    void queuedAttachmentsAreReadOnceAndStayRead() {
        StoredMessage message = MessageRepositoryContract.message("msg_1", "inb_1", "thr_1", 1, 1_000, null, "Invoice");
        Inbox inbox = new Inbox("inb_1", "org_1", "agent", "agentmail.test", Optional.empty(), Optional.empty(), Instant.EPOCH, Instant.EPOCH);
        when(inboxes.get("org_1", "inb_1")).thenReturn(inbox);
        when(messages.get("org_1", "inb_1", "msg_1")).thenReturn(message);
        when(mailbox.read(any(), any())).thenReturn("raw".getBytes(StandardCharsets.UTF_8));
        when(attachments.read(any(), anyInt())).thenReturn(Optional.of("Invoice 117".getBytes(StandardCharsets.UTF_8)));

        queue.add(message);
        assertThat(texts.forMessage("org_1", "msg_1")).containsEntry("att_1", AttachmentText.of(Status.PENDING));

        assertThat(worker.readPending(10)).isEqualTo(1);
        assertThat(texts.forMessage("org_1", "msg_1")).containsEntry("att_1", AttachmentText.ready("Invoice 117"));
        assertThat(worker.readPending(10)).isZero();
    }

    @Test
    void aMessageGoneBeforeItsTurnFailsItsAttachments() {
        StoredMessage message = MessageRepositoryContract.message("msg_1", "inb_1", "thr_1", 1, 1_000, null, "Invoice");
        when(inboxes.get("org_1", "inb_1")).thenThrow(new NotFoundException("inbox", "inb_1"));

        queue.add(message);
        worker.readPending(10);

        assertThat(texts.forMessage("org_1", "msg_1")).containsEntry("att_1", AttachmentText.of(Status.FAILED));
    }

    @Test
    void whileMailArrivesReadingKeepsToItsShareOfACore() {
        assertThat(AttachmentTextWorker.pauseAfter(Duration.ofMillis(50), true)).isEqualTo(Duration.ofMillis(450));
        assertThat(AttachmentTextWorker.pauseAfter(Duration.ofSeconds(3), true)).isEqualTo(AttachmentTextWorker.LONGEST_PAUSE);
        assertThat(AttachmentTextWorker.pauseAfter(Duration.ofMillis(50), false)).isZero();

        long before = System.nanoTime();
        assertThat(queue.addedSince(before)).isFalse();
        queue.add(MessageRepositoryContract.message("msg_1", "inb_1", "thr_1", 1, 1_000, null, "Invoice"));
        assertThat(queue.addedSince(before)).isTrue();
        assertThat(queue.addedSince(System.nanoTime())).isFalse();
    }
}
