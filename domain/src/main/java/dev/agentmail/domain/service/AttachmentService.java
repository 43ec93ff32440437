package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.AttachmentReader;
import dev.agentmail.domain.port.MailboxMessages;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Attachments are served from the stored message through signed, expiring links that need no API key, so that an
 * agent can hand one to a tool that cannot hold a key.
 */
public class AttachmentService {
    public static final Duration LINK_LIFETIME = Duration.ofHours(1);

    private final InboxService inboxes;
    private final MessageService messages;
    private final MailboxMessages mailbox;
    private final AttachmentReader reader;
    private final LinkSigner signer;
    private final Clock clock;

    @Inject
    public AttachmentService(InboxService inboxes, MessageService messages, MailboxMessages mailbox,
                             AttachmentReader reader, LinkSigner signer, Clock clock) {
        this.inboxes = inboxes;
        this.messages = messages;
        this.mailbox = mailbox;
        this.reader = reader;
        this.signer = signer;
        this.clock = clock;
    }

    public record Link(AttachmentInfo attachment, String token, Instant expiresAt) {
    }

    public record Download(AttachmentInfo attachment, byte[] content) {
    }

    public Link link(String organizationId, String inboxId, String messageId, String attachmentId) {
        StoredMessage message = messages.get(organizationId, inboxId, messageId);
        AttachmentInfo attachment = find(message, attachmentId);
        Instant expiresAt = clock.instant().plus(LINK_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        String token = signer.sign(String.join("\n", organizationId, inboxId, messageId, attachmentId,
            String.valueOf(expiresAt.getEpochSecond())));
        return new Link(attachment, token, expiresAt);
    }

    public Download download(String token) {
        String[] grant = signer.verify(token).map(payload -> payload.split("\n", -1))
            .filter(parts -> parts.length == 5)
            .orElseThrow(() -> new ForbiddenException("this download link is not valid"));
        long expiresAt;
        try {
            expiresAt = Long.parseLong(grant[4]);
        } catch (NumberFormatException e) {
            throw new ForbiddenException("this download link is not valid");
        }
        if (clock.instant().getEpochSecond() >= expiresAt) {
            throw new ForbiddenException("this download link has expired: ask the API for a new one");
        }
        Inbox inbox = inboxes.get(grant[0], grant[1]);
        StoredMessage message = messages.get(grant[0], grant[1], grant[2]);
        AttachmentInfo attachment = find(message, grant[3]);
        byte[] raw = mailbox.read(inbox.emailAddress(), message.location());
        byte[] content = reader.read(raw, message.content().attachments().indexOf(attachment))
            .orElseThrow(() -> new NotFoundException("attachment", grant[3]));
        return new Download(attachment, content);
    }

    private static AttachmentInfo find(StoredMessage message, String attachmentId) {
        List<AttachmentInfo> attachments = message.content().attachments();
        return attachments.stream().filter(attachment -> attachment.id().equals(attachmentId)).findFirst()
            .orElseThrow(() -> new NotFoundException("attachment", attachmentId));
    }
}
