package dev.agentmail.domain.service;

import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.event.DraftEvents;
import dev.agentmail.domain.event.DraftEvents.DraftEvent;
import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftContent;
import dev.agentmail.domain.model.DraftStatus;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.OutgoingMail;
import dev.agentmail.domain.model.OutgoingMail.OutgoingAttachment;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.port.DraftFolders;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.port.MimeComposer;
import dev.agentmail.domain.store.DraftRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Drafts: made and changed through the API or in a mail client's Drafts folder, sent at once, at their send time, or
 * after a person approves them. Each draft is a message in the inbox's Drafts folder carrying
 * {@value #DRAFT_ID_HEADER}, which keeps its id when a client saves a new version of it. Every change of status is
 * conditional on the status it leaves ({@link DraftRepository#update}), so that two nodes, or the API and a mail
 * client, never both send one draft.
 */
public class DraftService {
    public static final String DRAFT_ID_HEADER = "X-Agentmail-Draft-Id";
    private static final Logger LOGGER = LoggerFactory.getLogger(DraftService.class);
    private static final int MAX_REASON_LENGTH = 1000;

    private final InboxService inboxes;
    private final DraftRepository drafts;
    private final SendService sending;
    private final MessageService messages;
    private final DraftFolders folders;
    private final MailboxMessages mailbox;
    private final MimeComposer composer;
    private final DraftEvents events;
    private final Clock clock;

    @Inject
    public DraftService(InboxService inboxes, DraftRepository drafts, SendService sending, MessageService messages,
                        DraftFolders folders, MailboxMessages mailbox, MimeComposer composer, DraftEvents events,
                        Clock clock) {
        this.inboxes = inboxes;
        this.drafts = drafts;
        this.sending = sending;
        this.messages = messages;
        this.folders = folders;
        this.mailbox = mailbox;
        this.composer = composer;
        this.events = events;
        this.clock = clock;
    }

    /** A draft as the API gives it; {@code sendAt} is ISO-8601. */
    public record NewDraft(SendService.NewMessage message, String inReplyToMessageId, String sendAt) {
    }

    /** With a send time the draft is scheduled at once (in approval mode, it waits for approval first). */
    public Draft create(String organizationId, String inboxId, NewDraft request) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        Optional<StoredMessage> original = Optional.ofNullable(request.inReplyToMessageId())
            .map(id -> messages.get(organizationId, inboxId, id));
        DraftContent content = sending.draftContent(inbox, request.message(), original);
        Optional<Instant> sendAt = sendAt(request.sendAt());
        Instant now = clock.instant();
        DraftStatus status = sendAt.isEmpty() ? DraftStatus.DRAFT
            : inbox.approvalRequired() ? DraftStatus.PENDING_APPROVAL : DraftStatus.SCHEDULED;
        Draft draft = new Draft(Ids.draft(), organizationId, inboxId, status, content, sendAt,
            original.map(StoredMessage::threadId), Optional.empty(), Optional.empty(), Optional.empty(), now, now);
        return stored(inbox, draft);
    }

    /** What an inbox in approval mode sends (through the API or SMTP submission), waiting as a pending_approval draft. */
    public Draft hold(Inbox inbox, DraftContent content) {
        Instant now = clock.instant();
        Optional<String> threadId = content.inReplyToMessageId()
            .flatMap(id -> Optional.of(messages.get(inbox.organizationId(), inbox.id(), id).threadId()));
        return stored(inbox, new Draft(Ids.draft(), inbox.organizationId(), inbox.id(), DraftStatus.PENDING_APPROVAL,
            content, Optional.empty(), threadId, Optional.empty(), Optional.empty(), Optional.empty(), now, now));
    }

    private Draft stored(Inbox inbox, Draft draft) {
        drafts.create(draft);
        Draft placed = place(inbox, draft);
        events.publish(new DraftEvent(EventType.DRAFT_CREATED, placed));
        if (placed.status() == DraftStatus.PENDING_APPROVAL) {
            events.publish(new DraftEvent(EventType.DRAFT_PENDING_APPROVAL, placed));
        }
        return placed;
    }

    public Draft get(String organizationId, String inboxId, String draftId) {
        inboxes.get(organizationId, inboxId);
        return drafts.find(organizationId, draftId).filter(draft -> draft.inboxId().equals(inboxId))
            .orElseThrow(() -> new NotFoundException("draft", draftId));
    }

    public Page<Draft> list(String organizationId, String inboxId, PageRequest pageRequest) {
        inboxes.get(organizationId, inboxId);
        return drafts.listByInbox(organizationId, inboxId, pageRequest);
    }

    /** The organization's drafts, of one status when given: {@code pending_approval} is the approval queue. */
    public Page<Draft> listByStatus(String organizationId, String status, PageRequest pageRequest) {
        Optional<DraftStatus> wanted = Optional.ofNullable(status).map(wire -> DraftStatus.fromWireName(wire)
            .orElseThrow(() -> new InvalidInputException("status", "'" + wire + "' is not a draft status")));
        Optional<Set<String>> scoped = CallerScope.current().inboxIds();
        if (scoped.isEmpty()) {
            return drafts.list(organizationId, wanted, pageRequest);
        }
        List<Draft> visible = new ArrayList<>();
        for (String inboxId : scoped.get()) {
            visible.addAll(ScopedPages.all(request -> drafts.listByInbox(organizationId, inboxId, request),
                draft -> wanted.map(draft.status()::equals).orElse(true)));
        }
        visible.sort(Comparator.comparing(Draft::createdAt).thenComparing(Draft::id).reversed());
        return ScopedPages.page(visible, pageRequest);
    }

    /** Changes the fields given (null ones stay) of a draft not yet sent; its message in Drafts is replaced. */
    public Draft update(String organizationId, String inboxId, String draftId, NewDraft changes) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        Draft draft = open(get(organizationId, inboxId, draftId));
        DraftContent current = draft.content();
        SendService.NewMessage asked = changes.message();
        Optional<StoredMessage> original = Optional.ofNullable(changes.inReplyToMessageId())
            .or(current::inReplyToMessageId).map(id -> messages.get(organizationId, inboxId, id));
        SendService.NewMessage merged = new SendService.NewMessage(
            or(asked.to(), current.to()), or(asked.cc(), current.cc()), or(asked.bcc(), current.bcc()),
            or(asked.replyTo(), current.replyTo()), or(asked.subject(), current.subject()),
            asked.text() != null ? asked.text() : current.text().orElse(null),
            asked.html() != null ? asked.html() : current.html().orElse(null),
            or(asked.labels(), current.labels()), null, or(asked.headers(), current.headers()));
        DraftContent content = sending.draftContent(inbox, merged, original);
        if (asked.attachments() == null) {
            content = withAttachments(content, current.attachments());
        }
        Optional<Instant> sendAt = changes.sendAt() == null ? draft.sendAt() : sendAt(changes.sendAt());
        DraftStatus status = draft.status();
        if (status == DraftStatus.SCHEDULED && sendAt.isEmpty()) {
            status = DraftStatus.DRAFT;
        } else if (status == DraftStatus.DRAFT && sendAt.isPresent()) {
            status = inbox.approvalRequired() ? DraftStatus.PENDING_APPROVAL : DraftStatus.SCHEDULED;
        }
        Instant now = clock.instant();
        Draft changed = draft.withContent(content, sendAt, original.map(StoredMessage::threadId).or(draft::threadId), now)
            .withStatus(status, now);
        if (!drafts.update(changed, draft.status())) {
            throw new ConflictException("the draft changed meanwhile; read it again");
        }
        Draft placed = place(inbox, changed);
        draft.location().ifPresent(old -> mailbox.delete(inbox.emailAddress(), old));
        if (status == DraftStatus.PENDING_APPROVAL && draft.status() != DraftStatus.PENDING_APPROVAL) {
            events.publish(new DraftEvent(EventType.DRAFT_PENDING_APPROVAL, placed));
        }
        return placed;
    }

    /** Removes the draft and its message: a scheduled send is cancelled. */
    public void delete(String organizationId, String inboxId, String draftId) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        Draft draft = get(organizationId, inboxId, draftId);
        if (draft.status() == DraftStatus.SENDING) {
            throw new ConflictException("the draft is being sent");
        }
        drafts.delete(organizationId, draftId);
        draft.location().ifPresent(location -> mailbox.delete(inbox.emailAddress(), location));
    }

    /**
     * Sends the draft now, or schedules it for its send time; in approval mode it waits for approval instead.
     * A draft pending approval stays so: only approving sends it.
     */
    public Draft send(String organizationId, String inboxId, String draftId) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        Draft draft = open(get(organizationId, inboxId, draftId));
        if (draft.status() == DraftStatus.PENDING_APPROVAL) {
            return draft;
        }
        if (inbox.approvalRequired()) {
            return moved(draft, DraftStatus.PENDING_APPROVAL, EventType.DRAFT_PENDING_APPROVAL);
        }
        return release(inbox, draft);
    }

    public Draft approve(String organizationId, String inboxId, String draftId) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        return approve(inbox, pending(get(organizationId, inboxId, draftId)));
    }

    private Draft approve(Inbox inbox, Draft draft) {
        Draft approved = moved(draft, DraftStatus.SCHEDULED, EventType.DRAFT_APPROVED);
        return due(approved) ? sendClaimed(inbox, approved) : approved;
    }

    public Draft reject(String organizationId, String inboxId, String draftId, String reason) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        Draft draft = pending(get(organizationId, inboxId, draftId));
        Optional<String> why = TextInput.optional("reason", reason, MAX_REASON_LENGTH);
        Draft rejected = reject(draft, why);
        draft.location().ifPresent(location -> mailbox.delete(inbox.emailAddress(), location));
        return rejected;
    }

    private Draft reject(Draft draft, Optional<String> why) {
        Draft rejected = draft.rejected(why, clock.instant()).withLocation(Optional.empty(), clock.instant());
        if (!drafts.update(rejected, draft.status())) {
            throw new ConflictException("the draft changed meanwhile; read it again");
        }
        events.publish(new DraftEvent(EventType.DRAFT_REJECTED, rejected));
        return rejected;
    }

    /** Sends the scheduled drafts whose time has come; each is claimed first, so one node sends it. */
    public int sendDue(int limit) {
        int sent = 0;
        for (Draft draft : drafts.findDue(clock.instant(), limit)) {
            Inbox inbox;
            try {
                inbox = inboxes.get(draft.organizationId(), draft.inboxId());
            } catch (NotFoundException gone) {
                drafts.delete(draft.organizationId(), draft.id());
                continue;
            }
            Draft claimed = draft.withStatus(DraftStatus.SENDING, clock.instant());
            if (drafts.update(claimed, DraftStatus.SCHEDULED)) {
                try {
                    deliver(inbox, claimed);
                    sent++;
                } catch (RuntimeException e) {
                    // Recorded as failed; the others still go.
                }
            }
        }
        return sent;
    }

    /**
     * A message appeared in one of the inbox's draft folders. In Drafts: a new draft (a mail client's, without our
     * header), or a new version of a known one. In Approved: approval of a pending draft. In Trash: its rejection.
     */
    public void appended(Inbox inbox, String folder, MailboxLocation location, MessageContent content) {
        Optional<Draft> known = draftIdOf(content).flatMap(drafts::find)
            .filter(draft -> draft.inboxId().equals(inbox.id()) && draft.organizationId().equals(inbox.organizationId()));
        Instant now = clock.instant();
        switch (folder) {
            case DraftFolders.DRAFTS -> {
                if (known.isEmpty()) {
                    Draft draft = new Draft(Ids.draft(), inbox.organizationId(), inbox.id(), DraftStatus.DRAFT,
                        fromMessage(content, Optional.empty()), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of(location), now, now);
                    drafts.create(draft);
                    events.publish(new DraftEvent(EventType.DRAFT_CREATED, draft));
                } else if (known.get().status().open() && !known.get().location().equals(Optional.of(location))) {
                    Draft draft = known.get();
                    drafts.update(draft.withContent(fromMessage(content, Optional.of(draft.content())), draft.sendAt(),
                        draft.threadId(), now).withLocation(Optional.of(location), now), draft.status());
                }
            }
            case DraftFolders.APPROVED -> known.filter(draft -> draft.status() == DraftStatus.PENDING_APPROVAL)
                .ifPresent(draft -> {
                    Draft moved = draft.withLocation(Optional.of(location), now);
                    if (drafts.update(moved, draft.status())) {
                        try {
                            approve(inbox, moved);
                        } catch (ConflictException raced) {
                            // Approved through the API meanwhile.
                        } catch (RuntimeException failed) {
                            // Recorded as failed: the mail client's move itself stands.
                        }
                    }
                });
            case DraftFolders.TRASH -> known.filter(draft -> draft.status().open()).ifPresent(draft -> {
                try {
                    clientDropped(draft);
                } catch (ConflictException raced) {
                    // Sent or rejected meanwhile.
                }
            });
            default -> {
            }
        }
    }

    /** A message left a draft folder: when it was the draft's current version, a person deleted the draft. */
    public void expunged(MailboxLocation location) {
        drafts.findByLocation(location).filter(draft -> draft.status().open()).ifPresent(draft -> {
            try {
                clientDropped(draft);
            } catch (ConflictException raced) {
                // Changed meanwhile: the newer state stands.
            }
        });
    }

    /** Deleting a draft pending approval rejects it; any other unsent draft is simply gone. */
    private void clientDropped(Draft draft) {
        if (draft.status() == DraftStatus.PENDING_APPROVAL) {
            reject(draft, Optional.of("deleted in a mail client"));
        } else {
            drafts.delete(draft.organizationId(), draft.id());
        }
    }

    private Draft release(Inbox inbox, Draft draft) {
        Draft scheduled = draft.status() == DraftStatus.SCHEDULED ? draft
            : moved(draft, DraftStatus.SCHEDULED, null);
        return due(scheduled) ? sendClaimed(inbox, scheduled) : scheduled;
    }

    private boolean due(Draft draft) {
        return draft.sendAt().map(at -> !at.isAfter(clock.instant())).orElse(true);
    }

    private Draft sendClaimed(Inbox inbox, Draft scheduled) {
        Draft claimed = scheduled.withStatus(DraftStatus.SENDING, clock.instant());
        if (!drafts.update(claimed, DraftStatus.SCHEDULED)) {
            throw new ConflictException("the draft is being sent already");
        }
        return deliver(inbox, claimed);
    }

    /** Sends a claimed draft; its message leaves the draft folders, the sent copy is in Sent. */
    private Draft deliver(Inbox inbox, Draft claimed) {
        Draft done;
        try {
            SendService.Sent sent = sending.sendDraft(inbox, claimed.content());
            done = claimed.sent(sent.messageId(), sent.threadId(), clock.instant());
        } catch (RuntimeException e) {
            LOGGER.warn("Draft {} of inbox {} could not be sent: {}", claimed.id(), inbox.id(), e.getMessage());
            Draft failed = claimed.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                clock.instant());
            drafts.update(failed, DraftStatus.SENDING);
            throw e;
        }
        drafts.update(done, DraftStatus.SENDING);
        claimed.location().ifPresent(location -> mailbox.delete(inbox.emailAddress(), location));
        events.publish(new DraftEvent(EventType.DRAFT_SENT, done));
        return done;
    }

    private Draft moved(Draft draft, DraftStatus status, EventType event) {
        Draft moved = draft.withStatus(status, clock.instant());
        if (!drafts.update(moved, draft.status())) {
            throw new ConflictException("the draft changed meanwhile; read it again");
        }
        if (event != null) {
            events.publish(new DraftEvent(event, moved));
        }
        return moved;
    }

    /** Stores the draft's message in Drafts and the projection's new location. */
    private Draft place(Inbox inbox, Draft draft) {
        MailboxLocation location = folders.store(inbox.emailAddress(), message(inbox, draft), clock.instant());
        Draft placed = draft.withLocation(Optional.of(location), draft.updatedAt());
        // The mailbox listener may have recorded the location already (it runs during the append): either way the
        // draft's content is the one the API was given.
        Draft current = drafts.find(draft.id()).orElse(draft);
        if (!drafts.update(placed, current.status())) {
            throw new ConflictException("the draft changed meanwhile; read it again");
        }
        return placed;
    }

    private byte[] message(Inbox inbox, Draft draft) {
        DraftContent content = draft.content();
        Map<String, String> headers = new LinkedHashMap<>(content.headers());
        headers.put(DRAFT_ID_HEADER, draft.id());
        List<OutgoingAttachment> files = content.attachments().stream()
            .map(a -> new OutgoingAttachment(a.filename(), a.contentType(), Base64.getDecoder().decode(a.base64Content())))
            .toList();
        return composer.compose(new OutgoingMail(inbox.emailAddress(), inbox.displayName(), content.to(), content.cc(),
            content.bcc(), content.replyTo(), content.subject(), content.text(), content.html(), files, headers,
            Optional.empty(), List.of(), Optional.empty(), inbox.domain())).sentCopy();
    }

    /** A version a mail client saved: its addresses, subject and bodies; what MIME does not carry is kept. */
    private static DraftContent fromMessage(MessageContent message, Optional<DraftContent> previous) {
        return new DraftContent(message.to(), message.cc(), message.bcc(), message.replyTo(), message.subject(),
            message.text().map(String::stripTrailing), message.html(),
            previous.map(DraftContent::attachments).orElse(List.of()), previous.map(DraftContent::labels).orElse(List.of()),
            previous.map(DraftContent::headers).orElse(Map.of()),
            previous.flatMap(DraftContent::inReplyToMessageId));
    }

    private static Optional<String> draftIdOf(MessageContent content) {
        return content.headers().entrySet().stream()
            .filter(header -> header.getKey().equalsIgnoreCase(DRAFT_ID_HEADER))
            .map(header -> header.getValue().strip())
            .findFirst();
    }

    private static DraftContent withAttachments(DraftContent content, List<DraftContent.Attachment> attachments) {
        return new DraftContent(content.to(), content.cc(), content.bcc(), content.replyTo(), content.subject(),
            content.text(), content.html(), attachments, content.labels(), content.headers(),
            content.inReplyToMessageId());
    }

    private static Draft open(Draft draft) {
        if (!draft.status().open()) {
            throw new ConflictException("the draft is " + draft.status().wireName() + " and can no longer change");
        }
        return draft;
    }

    private static Draft pending(Draft draft) {
        if (draft.status() != DraftStatus.PENDING_APPROVAL) {
            throw new ConflictException("the draft is " + draft.status().wireName() + ", not pending_approval");
        }
        return draft;
    }

    private static Optional<Instant> sendAt(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("send_at", "send_at must be an ISO-8601 time with an offset, such as"
                + " 2030-01-31T09:00:00Z");
        }
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }
}
