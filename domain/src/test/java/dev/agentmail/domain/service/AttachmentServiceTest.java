package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.port.AttachmentReader;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.store.InMemoryAttachmentTextRepository;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.AttachmentTextRepository.Key;
import dev.agentmail.domain.store.MessageRepositoryContract;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class AttachmentServiceTest {
    @Test
    void anExpiredLinkIsRefusedBeforeAnythingIsRead() {
        LinkSigner signer = new LinkSigner(new byte[32]);
        Instant now = Instant.parse("2025-01-15T10:00:00Z");
        MailboxMessages mailbox = mock(MailboxMessages.class);
        InMemoryAttachmentTextRepository texts = new InMemoryAttachmentTextRepository();
        AttachmentService service = new AttachmentService(mock(InboxService.class), mock(MessageService.class), mailbox,
            mock(AttachmentReader.class), texts, new AttachmentTextQueue(texts, Clock.fixed(now, ZoneOffset.UTC)), signer,
            Clock.fixed(now, ZoneOffset.UTC));
        String expired = signer.sign(String.join("\n", "org", "inbox", "msg", "att",
            String.valueOf(now.minus(Duration.ofSeconds(1)).getEpochSecond())));

        assertThatThrownBy(() -> service.download(expired)).isInstanceOf(ForbiddenException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> service.download(expired + "x")).isInstanceOf(ForbiddenException.class);
        verifyNoInteractions(mailbox);
    }

    @Test
    void readyTextHasASignedLinkAndUnqueuedAttachmentsAreQueuedWhenSeen() {
        LinkSigner signer = new LinkSigner(new byte[32]);
        Clock clock = Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC);
        InMemoryAttachmentTextRepository texts = new InMemoryAttachmentTextRepository();
        MessageService messages = mock(MessageService.class);
        AttachmentService service = new AttachmentService(mock(InboxService.class), messages, mock(MailboxMessages.class),
            mock(AttachmentReader.class), texts, new AttachmentTextQueue(texts, clock), signer, clock);
        StoredMessage message = MessageRepositoryContract.message("msg_1", "inb_1", "thr_1", 1, 1_000, null, "Invoice");
        when(messages.get("org_1", "inb_1", "msg_1")).thenReturn(message);

        assertThat(service.texts(message).get("att_1").status()).isEqualTo(Status.PENDING);
        assertThat(texts.pending(10)).containsExactly(new Key("org_1", "inb_1", "msg_1", "att_1"));

        texts.save(new Key("org_1", "inb_1", "msg_1", "att_1"), AttachmentText.ready("Invoice 117"), clock.instant());
        AttachmentService.TextView view = service.texts(message).get("att_1");
        assertThat(view.status()).isEqualTo(Status.READY);
        assertThat(view.inlineText()).contains("Invoice 117");
        assertThat(service.text(view.textToken().orElseThrow())).isEqualTo("Invoice 117");

        String token = view.textToken().orElseThrow();
        assertThatThrownBy(() -> service.text(token.substring(0, token.length() - 2) + "AA"))
            .isInstanceOf(ForbiddenException.class);
        String download = service.link("org_1", "inb_1", "msg_1", "att_1").token();
        assertThatThrownBy(() -> service.text(download)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.download(token)).isInstanceOf(ForbiddenException.class);

        texts.save(new Key("org_1", "inb_1", "msg_1", "att_1"), AttachmentText.of(Status.FAILED), clock.instant());
        assertThat(service.texts(message).get("att_1").textToken()).isEmpty();
        assertThatThrownBy(() -> service.text(token)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void longTextIsOnlyBehindItsLink() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC);
        InMemoryAttachmentTextRepository texts = new InMemoryAttachmentTextRepository();
        AttachmentService service = new AttachmentService(mock(InboxService.class), mock(MessageService.class),
            mock(MailboxMessages.class), mock(AttachmentReader.class), texts, new AttachmentTextQueue(texts, clock),
            new LinkSigner(new byte[32]), clock);
        StoredMessage message = MessageRepositoryContract.message("msg_1", "inb_1", "thr_1", 1, 1_000, null, "Report");
        Key key = new Key("org_1", "inb_1", "msg_1", "att_1");
        texts.enqueue(List.of(key), clock.instant());
        texts.save(key, AttachmentText.ready("x".repeat(AttachmentService.INLINE_TEXT_LIMIT)), clock.instant());

        AttachmentService.TextView view = service.texts(message).get("att_1");
        assertThat(view.inlineText()).isEmpty();
        assertThat(view.textToken()).isPresent();
    }

    @Test
    void withReadingTurnedOffNothingIsQueuedAndUnreadAttachmentsAreUnsupported() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC);
        InMemoryAttachmentTextRepository texts = new InMemoryAttachmentTextRepository();
        AttachmentService service = new AttachmentService(mock(InboxService.class), mock(MessageService.class),
            mock(MailboxMessages.class), mock(AttachmentReader.class), texts, new AttachmentTextQueue(texts, clock, false),
            new LinkSigner(new byte[32]), clock);
        StoredMessage message = MessageRepositoryContract.message("msg_1", "inb_1", "thr_1", 1, 1_000, null, "Invoice");

        assertThat(service.texts(message).get("att_1").status()).isEqualTo(Status.UNSUPPORTED);
        assertThat(texts.pending(10)).isEmpty();
    }
}
