package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.model.ThreadSummary;
import dev.agentmail.domain.model.Wait;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.store.MessageRepository;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reading an inbox's messages and threads, labelling them, deleting threads: always within one organization. */
public class MessageService {
    private final InboxService inboxes;
    private final MessageRepository messages;
    private final MailboxMessages mailbox;
    private final MessageEvents events;
    private final EventFeed feed;
    private final Clock clock;

    @Inject
    public MessageService(InboxService inboxes, MessageRepository messages, MailboxMessages mailbox, MessageEvents events,
                          EventFeed feed, Clock clock) {
        this.inboxes = inboxes;
        this.messages = messages;
        this.mailbox = mailbox;
        this.events = events;
        this.feed = feed;
        this.clock = clock;
    }

    /**
     * The newest received message, newer than {@code after} when given; if there is none yet, the first that
     * arrives within {@code wait}. Waiting listens for {@code message.received}, of this node or, through the event
     * feed, of another one: nothing polls.
     */
    public CompletableFuture<Optional<StoredMessage>> latestInbound(String organizationId, String inboxId,
                                                                    Optional<Instant> after, Wait wait) {
        return awaitInbound(organizationId, inboxId, after, wait, message -> true,
            () -> messages.latest(organizationId, inboxId, Direction.INBOUND, after));
    }

    /** As {@link #latestInbound}, for the newest received message in which a verification code or link was found. */
    public CompletableFuture<Optional<StoredMessage>> latestWithCode(String organizationId, String inboxId,
                                                                     Optional<Instant> after, Wait wait) {
        Predicate<StoredMessage> hasCode = message -> message.analysis().code().isPresent()
            || message.analysis().link().isPresent();
        return awaitInbound(organizationId, inboxId, after, wait, hasCode,
            () -> messages.list(organizationId, inboxId, new PageRequest(1, RECENT_FOR_CODES)).data().stream()
                .filter(message -> message.direction() == Direction.INBOUND)
                .filter(message -> after.map(message.timestamp()::isAfter).orElse(true))
                .filter(hasCode)
                .findFirst());
    }

    /** Codes are looked for among this many of the newest messages: a code older than that has long expired. */
    private static final int RECENT_FOR_CODES = 100;

    private CompletableFuture<Optional<StoredMessage>> awaitInbound(String organizationId, String inboxId,
                                                                    Optional<Instant> after, Wait wait,
                                                                    Predicate<StoredMessage> matching,
                                                                    Supplier<Optional<StoredMessage>> lookNow) {
        inboxes.get(organizationId, inboxId);
        Optional<StoredMessage> current = lookNow.get();
        if (current.isPresent() || wait.duration().isZero()) {
            return CompletableFuture.completedFuture(current);
        }
        CompletableFuture<Optional<StoredMessage>> result = new CompletableFuture<>();
        AutoCloseable subscription = events.subscribe(event -> {
            StoredMessage message = event.message();
            if (event.type() == EventType.MESSAGE_RECEIVED && message.inboxId().equals(inboxId)
                && after.map(message.timestamp()::isAfter).orElse(true) && matching.test(message)) {
                result.complete(Optional.of(message));
            }
        });
        // Another node indexed a message of this inbox: its event carries no message, so look again.
        AutoCloseable elsewhere = feed.subscribe(appended -> {
            if (!appended.local() && appended.type() == EventType.MESSAGE_RECEIVED
                && appended.inboxId().equals(Optional.of(inboxId)) && !result.isDone()) {
                lookNow.get().ifPresent(message -> result.complete(Optional.of(message)));
            }
        });
        // A message indexed between the first look and the subscriptions would otherwise be missed.
        lookNow.get().ifPresent(message -> result.complete(Optional.of(message)));
        result.completeOnTimeout(Optional.empty(), wait.duration().toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((message, failure) -> {
            try {
                subscription.close();
                elsewhere.close();
            } catch (Exception ignored) {
                // unsubscribing cannot fail
            }
        });
        return result;
    }

    /** The message goes from the mailbox too, so IMAP clients see it gone. */
    public void delete(String organizationId, String inboxId, String messageId) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        StoredMessage message = get(organizationId, inboxId, messageId);
        mailbox.delete(inbox.emailAddress(), message.location());
        messages.delete(message.location());
    }

    public Page<StoredMessage> list(String organizationId, String inboxId, PageRequest pageRequest) {
        return list(organizationId, inboxId, MessageSearch.ALL, pageRequest);
    }

    public Page<StoredMessage> list(String organizationId, String inboxId, MessageSearch search, PageRequest pageRequest) {
        inboxes.get(organizationId, inboxId);
        return messages.list(organizationId, inboxId, search, pageRequest);
    }

    public StoredMessage get(String organizationId, String inboxId, String messageId) {
        inboxes.get(organizationId, inboxId);
        return messages.find(organizationId, inboxId, messageId)
            .orElseThrow(() -> new NotFoundException("message", messageId));
    }

    /**
     * What a wait for newer mail starts after: a time (ISO-8601), or the id of a message of the inbox whose time is
     * then used; none means any message.
     */
    public Optional<Instant> newerThan(String organizationId, String inboxId, String since) {
        if (since == null || since.isBlank()) {
            return Optional.empty();
        }
        if (since.startsWith("msg_")) {
            return Optional.of(get(organizationId, inboxId, since).timestamp());
        }
        try {
            return Optional.of(Instant.parse(since.trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("since", "since must be an ISO-8601 timestamp or a message id");
        }
    }

    /** Labels are IMAP keywords: the mailbox is changed first, and the index follows (the listener would too). */
    public StoredMessage setLabels(String organizationId, String inboxId, String messageId, Collection<String> labels) {
        Set<String> valid = Labels.validate("labels", labels);
        Inbox inbox = inboxes.get(organizationId, inboxId);
        StoredMessage message = get(organizationId, inboxId, messageId);
        mailbox.setKeywords(inbox.emailAddress(), message.location(),
            valid.stream().map(Labels::toKeyword).collect(Collectors.toCollection(LinkedHashSet::new)));
        Instant now = clock.instant();
        messages.updateLabels(message.id(), valid, now);
        return message.withLabels(valid, now);
    }

    public Page<ThreadSummary> listThreads(String organizationId, String inboxId, PageRequest pageRequest) {
        inboxes.get(organizationId, inboxId);
        Page<String> ids = messages.listThreadIds(organizationId, inboxId, pageRequest);
        return ids.map(threadId -> summarize(inboxId, threadId, messages.listThread(organizationId, inboxId, threadId)));
    }

    /** @return the thread's messages, oldest first */
    public List<StoredMessage> getThread(String organizationId, String inboxId, String threadId) {
        inboxes.get(organizationId, inboxId);
        List<StoredMessage> thread = messages.listThread(organizationId, inboxId, threadId);
        if (thread.isEmpty()) {
            throw new NotFoundException("thread", threadId);
        }
        return thread;
    }

    public void deleteThread(String organizationId, String inboxId, String threadId) {
        Inbox inbox = inboxes.get(organizationId, inboxId);
        for (StoredMessage message : getThread(organizationId, inboxId, threadId)) {
            mailbox.delete(inbox.emailAddress(), message.location());
            messages.delete(message.location());
        }
    }

    static ThreadSummary summarize(String inboxId, String threadId, List<StoredMessage> thread) {
        StoredMessage first = thread.get(0);
        StoredMessage last = thread.get(thread.size() - 1);
        Set<String> labels = new TreeSet<>();
        Set<String> senders = new LinkedHashSet<>();
        Set<String> recipients = new LinkedHashSet<>();
        long size = 0;
        Optional<Instant> received = Optional.empty();
        Optional<Instant> sent = Optional.empty();
        for (StoredMessage message : thread) {
            labels.addAll(message.labels());
            senders.add(Addresses.bare(message.content().from()));
            message.content().to().forEach(to -> recipients.add(Addresses.bare(to)));
            message.content().cc().forEach(cc -> recipients.add(Addresses.bare(cc)));
            size += message.size();
            if (message.direction() == Direction.INBOUND) {
                received = Optional.of(message.timestamp());
            } else {
                sent = Optional.of(message.timestamp());
            }
        }
        return new ThreadSummary(threadId, inboxId, labels, last.timestamp(), received, sent, List.copyOf(senders),
            List.copyOf(recipients), first.content().subject(), last.content().preview(), last.id(), thread.size(), size);
    }
}
