package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.port.AttachmentReader;
import dev.agentmail.domain.port.MailboxMessages;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class AttachmentServiceTest {
    @Test
    void anExpiredLinkIsRefusedBeforeAnythingIsRead() {
        LinkSigner signer = new LinkSigner(new byte[32]);
        Instant now = Instant.parse("2025-01-15T10:00:00Z");
        MailboxMessages mailbox = mock(MailboxMessages.class);
        AttachmentService service = new AttachmentService(mock(InboxService.class), mock(MessageService.class), mailbox,
            mock(AttachmentReader.class), signer, Clock.fixed(now, ZoneOffset.UTC));
        String expired = signer.sign(String.join("\n", "org", "inbox", "msg", "att",
            String.valueOf(now.minus(Duration.ofSeconds(1)).getEpochSecond())));

        assertThatThrownBy(() -> service.download(expired)).isInstanceOf(ForbiddenException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> service.download(expired + "x")).isInstanceOf(ForbiddenException.class);
        verifyNoInteractions(mailbox);
    }
}
