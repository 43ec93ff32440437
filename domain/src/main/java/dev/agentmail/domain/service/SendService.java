package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.PayloadTooLargeException;
import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftContent;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.OutgoingMail;
import dev.agentmail.domain.model.OutgoingMail.OutgoingAttachment;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.AttachmentFetcher;
import dev.agentmail.domain.port.MailSender;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.port.MimeComposer;

import javax.inject.Inject;
import javax.inject.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sending from an inbox: new messages, replies, reply-alls and forwards. Holds who receives what, the subject
 * and threading headers, and the limits; MIME and delivery are left to {@link MimeComposer} and {@link MailSender}.
 */
public class SendService {
    private static final int MAX_SUBJECT_LENGTH = 998;
    private static final int MAX_RECIPIENTS = 100;
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,76}");
    /**
     * Headers the message's own structure depends on, and those that say who wrote or sent it (the message is always
     * the inbox's own): a caller may add headers, never replace these. Content-*, Resent-* and X-Agentmail-* too.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("from", "sender", "to", "cc", "bcc", "reply-to",
        "subject", "message-id", "date", "mime-version", "in-reply-to", "references", "return-path", "received",
        "dkim-signature", "delivered-to", "author", "authentication-results");

    private final InboxService inboxes;
    private final MessageService messages;
    private final MessageIndexer indexer;
    private final MailboxMessages mailbox;
    private final MimeComposer composer;
    private final MailSender sender;
    private final AttachmentFetcher fetcher;
    private final MessageEvents events;
    private final DomainService domains;
    private final ListPolicy lists;
    private final SendLimits limits;
    private final PlatformSettings settings;
    private final Clock clock;
    /** Drafts send through this service: a provider breaks the cycle. */
    private final Provider<DraftService> drafts;

    @Inject
    public SendService(InboxService inboxes, MessageService messages, MessageIndexer indexer, MailboxMessages mailbox,
                       MimeComposer composer, MailSender sender, AttachmentFetcher fetcher, MessageEvents events,
                       DomainService domains, ListPolicy lists, SendLimits limits, PlatformSettings settings,
                       Clock clock, Provider<DraftService> drafts) {
        this.inboxes = inboxes;
        this.messages = messages;
        this.indexer = indexer;
        this.mailbox = mailbox;
        this.composer = composer;
        this.sender = sender;
        this.fetcher = fetcher;
        this.events = events;
        this.domains = domains;
        this.lists = lists;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.drafts = drafts;
    }

    public record Attachment(String filename, String contentType, String content, String url) {
    }

    public record NewMessage(List<String> to, List<String> cc, List<String> bcc, List<String> replyTo, String subject,
                             String text, String html, List<String> labels, List<Attachment> attachments,
                             Map<String, String> headers) {
    }

    public record Reply(String text, String html, List<String> cc, List<String> labels, List<Attachment> attachments) {
    }

    public record Forward(List<String> to, List<String> cc, String text, String html, List<String> labels) {
    }

    /** What a send did: sent the message, or held it as a draft for approval. */
    public sealed interface Result permits Sent, Held {
    }

    public record Sent(String messageId, String threadId) implements Result {
    }

    /** The inbox is in approval mode: nothing left, the message waits as a pending_approval draft. */
    public record Held(Draft draft) implements Result {
    }

    public Result send(String organizationId, String inboxId, NewMessage request) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        List<String> to = addresses("to", request.to());
        if (to.isEmpty()) {
            throw new InvalidInputException("to", "to is required");
        }
        OutgoingMail mail = new OutgoingMail(inbox.emailAddress(), inbox.displayName(), to, addresses("cc", request.cc()),
            addresses("bcc", request.bcc()), addresses("reply_to", request.replyTo()), subject(request.subject()),
            body(request.text()), body(request.html()), attachments(request.attachments()),
            headers(request.headers()), Optional.empty(), List.of(), Optional.empty(), inbox.domain());
        return dispatch(inbox, mail, request.labels(), Optional.empty());
    }

    /** Replies to Reply-To, else the sender; with {@code all}, also to the original To and Cc, never to itself. */
    public Result reply(String organizationId, String inboxId, String messageId, Reply request, boolean all) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        StoredMessage original = messages.get(organizationId, inboxId, messageId);
        MessageContent content = original.content();
        ReplyRecipients recipients = replyRecipients(inbox, original, all, addresses("cc", request.cc()));
        if (recipients.to().isEmpty() && recipients.cc().isEmpty()) {
            throw new InvalidInputException(null, "the message has no one to reply to but this inbox");
        }
        OutgoingMail mail = new OutgoingMail(inbox.emailAddress(), inbox.displayName(), recipients.to(),
            recipients.cc(), List.of(), List.of(), prefixed("Re: ", content.subject()), body(request.text()),
            body(request.html()), attachments(request.attachments()), Map.of(), content.rfcMessageId(),
            references(content), Optional.empty(), inbox.domain());
        return dispatch(inbox, mail, request.labels(), Optional.of(original));
    }

    record ReplyRecipients(List<String> to, List<String> cc) {
    }

    /** Reply-To, else the sender (the original's To for our own message); with {@code all}, its To and Cc too. */
    static ReplyRecipients replyRecipients(Inbox inbox, StoredMessage original, boolean all, List<String> extraCc) {
        MessageContent content = original.content();
        List<String> primary = original.direction() == Direction.OUTBOUND ? content.to()
            : content.replyTo().isEmpty() ? List.of(content.from()) : content.replyTo();
        Recipients recipients = new Recipients(inbox.emailAddress().toLowerCase(Locale.ROOT));
        List<String> to = recipients.take(primary);
        List<String> cc = new ArrayList<>();
        if (all) {
            cc.addAll(recipients.take(content.to()));
            cc.addAll(recipients.take(content.cc()));
        }
        cc.addAll(recipients.take(extraCc));
        return new ReplyRecipients(to, cc);
    }

    private static List<String> references(MessageContent original) {
        List<String> references = new ArrayList<>(original.references());
        original.rfcMessageId().ifPresent(references::add);
        return references;
    }

    /** With new text or HTML the original is quoted below it; without, the original is enclosed whole. */
    public Result forward(String organizationId, String inboxId, String messageId, Forward request) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        StoredMessage original = messages.get(organizationId, inboxId, messageId);
        List<String> to = addresses("to", request.to());
        if (to.isEmpty()) {
            throw new InvalidInputException("to", "to is required");
        }
        Optional<String> text = body(request.text());
        Optional<String> html = body(request.html());
        Optional<byte[]> enclosed = Optional.empty();
        if (text.isEmpty() && html.isEmpty()) {
            text = Optional.of("Forwarded message attached.");
            enclosed = Optional.of(mailbox.read(inbox.emailAddress(), original.location()));
        } else {
            text = Optional.of(text.orElse("") + "\n\n" + ForwardQuote.text(original.content()));
            html = html.map(own -> own + ForwardQuote.html(original.content()));
        }
        OutgoingMail mail = new OutgoingMail(inbox.emailAddress(), inbox.displayName(), to, addresses("cc", request.cc()),
            List.of(), List.of(), prefixed("Fwd: ", original.content().subject()), text, html, List.of(), Map.of(),
            Optional.empty(), List.of(), enclosed, inbox.domain());
        return dispatch(inbox, mail, request.labels(), Optional.empty());
    }

    /**
     * Sends a draft now, whatever the inbox's send mode: it was approved, or needs no approval. A draft that replies
     * gets the threading headers of the message it replies to.
     */
    public Sent sendDraft(Inbox inbox, DraftContent draft) {
        Optional<StoredMessage> repliedTo = draft.inReplyToMessageId()
            .map(id -> messages.get(inbox.organizationId(), inbox.id(), id));
        Optional<MessageContent> original = repliedTo.map(StoredMessage::content);
        List<OutgoingAttachment> files = new ArrayList<>();
        for (DraftContent.Attachment attachment : draft.attachments()) {
            files.add(new OutgoingAttachment(attachment.filename(), attachment.contentType(),
                Base64.getDecoder().decode(attachment.base64Content())));
        }
        OutgoingMail mail = new OutgoingMail(inbox.emailAddress(), inbox.displayName(), draft.to(), draft.cc(),
            draft.bcc(), draft.replyTo(), draft.subject(), draft.text(), draft.html(), files, draft.headers(),
            original.flatMap(MessageContent::rfcMessageId), original.map(SendService::references).orElse(List.of()),
            Optional.empty(), inbox.domain());
        if (mail.envelopeRecipients().isEmpty()) {
            throw new InvalidInputException("to", "the draft has no recipients");
        }
        Optional<String> thread = repliedTo.map(StoredMessage::threadId);
        return deliver(inbox, mail, checked(inbox, mail, draft.labels(), thread), thread);
    }

    /**
     * A draft's content from what a send call asked for, checked as a send checks it; attachments given by URL are
     * fetched now. Without {@code to}, a draft that replies goes to whom a reply would.
     */
    DraftContent draftContent(Inbox inbox, NewMessage request, Optional<StoredMessage> inReplyTo) {
        List<String> to = addresses("to", request.to());
        List<String> cc = addresses("cc", request.cc());
        String subject = subject(request.subject());
        if (inReplyTo.isPresent()) {
            if (to.isEmpty()) {
                ReplyRecipients recipients = replyRecipients(inbox, inReplyTo.get(), false, cc);
                to = recipients.to();
                cc = recipients.cc();
            }
            if (subject.isEmpty()) {
                subject = prefixed("Re: ", inReplyTo.get().content().subject());
            }
        }
        Set<String> labels = request.labels() == null ? Set.of() : Labels.validate("labels", request.labels());
        return new DraftContent(to, cc, addresses("bcc", request.bcc()), addresses("reply_to", request.replyTo()),
            subject, body(request.text()), body(request.html()),
            attachments(request.attachments()).stream().map(SendService::stored).toList(), List.copyOf(labels),
            headers(request.headers()), inReplyTo.map(StoredMessage::id));
    }

    private static DraftContent.Attachment stored(OutgoingAttachment attachment) {
        return new DraftContent.Attachment(attachment.filename(), attachment.contentType(),
            Base64.getEncoder().encodeToString(attachment.content()));
    }

    /** @param original the message this one replies to, whose thread it joins */
    private Result dispatch(Inbox inbox, OutgoingMail mail, List<String> labels, Optional<StoredMessage> original) {
        Optional<String> thread = original.map(StoredMessage::threadId);
        Set<String> validLabels = checked(inbox, mail, labels, thread);
        if (inbox.approvalRequired()) {
            List<DraftContent.Attachment> files = new ArrayList<>(mail.attachments().stream()
                .map(SendService::stored).toList());
            // A forward of the whole original waits with the original attached as it would be enclosed.
            mail.enclosedMessage().ifPresent(enclosed -> files.add(new DraftContent.Attachment("forwarded.eml",
                "message/rfc822", Base64.getEncoder().encodeToString(enclosed))));
            return new Held(drafts.get().hold(inbox, new DraftContent(mail.to(), mail.cc(), mail.bcc(), mail.replyTo(),
                mail.subject(), mail.text(), mail.html(), files, List.copyOf(validLabels), mail.headers(),
                original.map(StoredMessage::id))));
        }
        return deliver(inbox, mail, validLabels, thread);
    }

    /** Everything a send must pass before anything is stored or spooled. */
    private Set<String> checked(Inbox inbox, OutgoingMail mail, List<String> labels, Optional<String> thread) {
        if (inbox.disposable()) {
            throw new ForbiddenException("a disposable inbox can receive but not send");
        }
        domains.checkCanSendFrom(inbox.domain());
        Set<String> validLabels = labels == null ? Set.of() : Labels.validate("labels", labels);
        if (mail.envelopeRecipients().size() > MAX_RECIPIENTS) {
            throw new InvalidInputException("to", "at most " + MAX_RECIPIENTS + " recipients in all");
        }
        lists.requireSendable(inbox, mail.envelopeRecipients());
        checkSize(mail);
        limits.requireSendable(inbox, recipientCount(mail), thread);
        return validLabels;
    }

    private Sent deliver(Inbox inbox, OutgoingMail mail, Set<String> validLabels, Optional<String> thread) {
        ComposedMail composed = composer.compose(mail);
        Instant at = clock.instant();
        MailboxLocation location = sender.storeSentCopy(inbox.emailAddress(), composed, at);
        StoredMessage sent;
        try {
            // Indexed before it leaves: delivery reports and replies look the sent message up by its Message-ID.
            sent = indexer.indexStored(inbox, Direction.OUTBOUND, location, composed.sentCopy(), at);
            sender.enqueue(inbox.emailAddress(), composed, mail.envelopeRecipients());
        } catch (RuntimeException e) {
            // Not sent means not in Sent either (the index follows the mailbox): the caller may retry.
            try {
                mailbox.delete(inbox.emailAddress(), location);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        // The loop breaker counts messages into a thread the inbox had: a reply to a message without a Message-ID
        // starts one.
        limits.record(inbox, recipientCount(mail), thread.filter(sent.threadId()::equals));
        if (!validLabels.isEmpty()) {
            sent = messages.setLabels(inbox.organizationId(), inbox.id(), sent.id(), validLabels);
        }
        events.publish(new MessageEvent(EventType.MESSAGE_SENT, sent, clock.instant()));
        return new Sent(sent.id(), sent.threadId());
    }

    /** What the sending limits count: each recipient once, however often it is named. */
    private static int recipientCount(OutgoingMail mail) {
        return (int) mail.envelopeRecipients().stream().map(Addresses::bare).distinct().count();
    }

    private void checkSize(OutgoingMail mail) {
        long size = mail.text().map(text -> (long) text.getBytes(StandardCharsets.UTF_8).length).orElse(0L)
            + mail.html().map(html -> (long) html.getBytes(StandardCharsets.UTF_8).length).orElse(0L)
            + mail.attachments().stream().mapToLong(attachment -> attachment.content().length).sum()
            + mail.enclosedMessage().map(original -> (long) original.length).orElse(0L);
        if (size > settings.maxMessageBytes()) {
            throw new PayloadTooLargeException("the message is " + size + " bytes; at most " + settings.maxMessageBytes()
                + " are allowed");
        }
    }

    static String prefixed(String prefix, String subject) {
        String current = subject == null ? "" : subject.strip();
        return current.regionMatches(true, 0, prefix, 0, prefix.length()) ? current : prefix + current;
    }

    private static String subject(String subject) {
        return TextInput.optional("subject", subject, MAX_SUBJECT_LENGTH).orElse("");
    }

    private static Optional<String> body(String value) {
        return Optional.ofNullable(value);
    }

    private static List<String> addresses(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> valid = new ArrayList<>();
        for (String value : values) {
            valid.add(TextInput.required(field, value, 320 + 200));
        }
        return valid;
    }

    private static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> valid = new LinkedHashMap<>();
        if (headers == null) {
            return valid;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new InvalidInputException("headers", "'" + name + "' is not a valid header name");
            }
            if (RESERVED_HEADERS.contains(lower) || lower.startsWith("content-") || lower.startsWith("resent-")
                || lower.startsWith("x-agentmail-")) {
                throw new InvalidInputException("headers", "the header '" + name + "' is set by the server and cannot be given");
            }
            valid.put(name, TextInput.required("headers", header.getValue(), 998));
        }
        return valid;
    }

    private List<OutgoingAttachment> attachments(List<Attachment> attachments) {
        List<OutgoingAttachment> decoded = new ArrayList<>();
        if (attachments == null) {
            return decoded;
        }
        for (Attachment attachment : attachments) {
            if (attachment == null) {
                throw new InvalidInputException("attachments", "attachments must be objects");
            }
            String filename = TextInput.required("attachments.filename", attachment.filename(), 255);
            Optional<String> contentType = TextInput.optional("attachments.content_type", attachment.contentType(), 255);
            byte[] content;
            if (attachment.content() != null) {
                try {
                    content = Base64.getDecoder().decode(attachment.content().replaceAll("\\s", ""));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("attachments.content", "the content of '" + filename + "' is not valid base64");
                }
            } else if (attachment.url() != null) {
                AttachmentFetcher.Fetched fetched = fetcher.fetch("attachments.url",
                    url(TextInput.required("attachments.url", attachment.url(), 2048)), settings.maxMessageBytes());
                content = fetched.content();
                contentType = contentType.or(fetched::contentType);
            } else {
                throw new InvalidInputException("attachments.content", "an attachment needs base64 content or a url");
            }
            String type = contentType.orElse("application/octet-stream");
            if (!type.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")) {
                throw new InvalidInputException("attachments.content_type", "'" + type + "' is not a media type");
            }
            decoded.add(new OutgoingAttachment(filename, type, content));
        }
        return decoded;
    }

    private static java.net.URI url(String value) {
        try {
            return new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("attachments.url", "'" + value + "' is not a URL");
        }
    }

    /** Gathers recipients once each, by bare address, never the replying inbox itself. */
    private static final class Recipients {
        private final Set<String> seen = new LinkedHashSet<>();

        Recipients(String own) {
            seen.add(own);
        }

        List<String> take(Collection<String> candidates) {
            List<String> taken = new ArrayList<>();
            for (String candidate : candidates) {
                if (seen.add(Addresses.bare(candidate))) {
                    taken.add(candidate);
                }
            }
            return taken;
        }
    }
}
