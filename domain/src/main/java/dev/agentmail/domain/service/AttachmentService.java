package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.AttachmentReader;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.store.AttachmentTextRepository;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attachments are served from the stored message through signed, expiring links that need no API key, so that an
 * agent can hand one to a tool that cannot hold a key; so is their text, once the worker has read it.
 */
public class AttachmentService {
    public static final Duration LINK_LIFETIME = Duration.ofHours(1);
    /** Text up to this many characters is shown with the message; longer text only through its link. */
    public static final int INLINE_TEXT_LIMIT = 20_000;
    /** The first line of a text link's grant, so that a download link is not a text link, nor the reverse. */
    private static final String TEXT_GRANT = "text";

    private final InboxService inboxes;
    private final MessageService messages;
    private final MailboxMessages mailbox;
    private final AttachmentReader reader;
    private final AttachmentTextRepository texts;
    private final AttachmentTextQueue textQueue;
    private final LinkSigner signer;
    private final Clock clock;

    @Inject
    public AttachmentService(InboxService inboxes, MessageService messages, MailboxMessages mailbox,
                             AttachmentReader reader, AttachmentTextRepository texts, AttachmentTextQueue textQueue,
                             LinkSigner signer, Clock clock) {
        this.inboxes = inboxes;
        this.messages = messages;
        this.mailbox = mailbox;
        this.reader = reader;
        this.texts = texts;
        this.textQueue = textQueue;
        this.signer = signer;
        this.clock = clock;
    }

    public record Link(AttachmentInfo attachment, String token, Instant expiresAt, TextView text) {
    }

    public record Download(AttachmentInfo attachment, byte[] content) {
    }

    /**
     * Where an attachment's text stands; once ready, the token of a signed link to it, expiring like a download
     * link, and, when short, the text itself.
     */
    public record TextView(Status status, Optional<String> textToken, Optional<String> inlineText) {
        public static final TextView PENDING = new TextView(Status.PENDING, Optional.empty(), Optional.empty());
        /** What an attachment the server does not read shows, when the operator turned reading off. */
        public static final TextView UNSUPPORTED = new TextView(Status.UNSUPPORTED, Optional.empty(), Optional.empty());
    }

    public Link link(String organizationId, String inboxId, String messageId, String attachmentId) {
        StoredMessage message = messages.get(organizationId, inboxId, messageId);
        AttachmentInfo attachment = find(message, attachmentId);
        Instant expiresAt = expiry();
        String token = signer.sign(String.join("\n", organizationId, inboxId, messageId, attachmentId,
            String.valueOf(expiresAt.getEpochSecond())));
        return new Link(attachment, token, expiresAt, texts(message).get(attachmentId));
    }

    public Download download(String token) {
        String[] grant = grant(token, 5, "download");
        Inbox inbox = inboxes.get(grant[0], grant[1]);
        StoredMessage message = messages.get(grant[0], grant[1], grant[2]);
        AttachmentInfo attachment = find(message, grant[3]);
        byte[] raw = mailbox.read(inbox.emailAddress(), message.location());
        byte[] content = reader.read(raw, message.content().attachments().indexOf(attachment))
            .orElseThrow(() -> new NotFoundException("attachment", grant[3]));
        return new Download(attachment, content);
    }

    /**
     * The text of a message's attachments by attachment id. Attachments never queued (mail indexed before text was
     * read, or a queueing that failed) are queued now, and pending; unsupported if this server reads none.
     */
    public Map<String, TextView> texts(StoredMessage message) {
        List<AttachmentInfo> attachments = message.content().attachments();
        if (attachments.isEmpty()) {
            return Map.of();
        }
        Map<String, AttachmentText> known = texts.forMessage(message.organizationId(), message.id());
        List<AttachmentInfo> unknown = attachments.stream().filter(attachment -> !known.containsKey(attachment.id())).toList();
        textQueue.add(message, unknown);
        Instant expiresAt = expiry();
        TextView unread = textQueue.enabled() ? TextView.PENDING : TextView.UNSUPPORTED;
        Map<String, TextView> views = new LinkedHashMap<>();
        for (AttachmentInfo attachment : attachments) {
            AttachmentText text = known.get(attachment.id());
            views.put(attachment.id(), text == null ? unread : new TextView(text.status(),
                text.text().map(ready -> signer.sign(String.join("\n", TEXT_GRANT, message.organizationId(),
                    message.inboxId(), message.id(), attachment.id(), String.valueOf(expiresAt.getEpochSecond())))),
                text.text().filter(ready -> ready.length() < INLINE_TEXT_LIMIT)));
        }
        return views;
    }

    /** The text a signed text link grants, if the message is still there. */
    public String text(String token) {
        String[] grant = grant(token, 6, "text");
        if (!TEXT_GRANT.equals(grant[0])) {
            throw new ForbiddenException("this text link is not valid");
        }
        StoredMessage message = messages.get(grant[1], grant[2], grant[3]);
        AttachmentInfo attachment = find(message, grant[4]);
        return Optional.ofNullable(texts.forMessage(message.organizationId(), message.id()).get(attachment.id()))
            .flatMap(AttachmentText::text)
            .orElseThrow(() -> new NotFoundException("attachment text", attachment.id()));
    }

    /** The fields of a signed link's grant, checked for their number and for the expiry that is the last of them. */
    private String[] grant(String token, int fields, String link) {
        String[] grant = signer.verify(token).map(payload -> payload.split("\n", -1))
            .filter(parts -> parts.length == fields)
            .orElseThrow(() -> new ForbiddenException("this " + link + " link is not valid"));
        long expiresAt;
        try {
            expiresAt = Long.parseLong(grant[fields - 1]);
        } catch (NumberFormatException e) {
            throw new ForbiddenException("this " + link + " link is not valid");
        }
        if (clock.instant().getEpochSecond() >= expiresAt) {
            throw new ForbiddenException("this " + link + " link has expired: ask the API for a new one");
        }
        return grant;
    }

    private Instant expiry() {
        return clock.instant().plus(LINK_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
    }

    private static AttachmentInfo find(StoredMessage message, String attachmentId) {
        List<AttachmentInfo> attachments = message.content().attachments();
        return attachments.stream().filter(attachment -> attachment.id().equals(attachmentId)).findFirst()
            .orElseThrow(() -> new NotFoundException("attachment", attachmentId));
    }
}
