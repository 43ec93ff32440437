package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.MessageRepository;

import javax.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which thread of its inbox a message joins:
 * <ol>
 * <li>the thread of a message of the same inbox whose Message-ID is the new message's In-Reply-To or one of its
 * References, or else of one that names the new message's Message-ID in those (a reply indexed first);</li>
 * <li>otherwise, for received mail whose subject is marked as a reply or forward (Re:, Fwd:, AW:, SV:, ...), the thread of a
 * message of the last {@link #SUBJECT_WINDOW} with the same normalized subject that shares a participant;</li>
 * <li>otherwise a new thread.</li>
 * </ol>
 * Mail an inbox sends joins a thread only through its In-Reply-To and References: a send or a forward starts one.
 * The subject rule needs the reply marker so that unrelated mail that merely shares a subject (every
 * "Your verification code" from one sender) is not merged.
 */
public class Threading {
    public static final Duration SUBJECT_WINDOW = Duration.ofDays(30);
    private static final int SUBJECT_CANDIDATES = 20;
    private static final Pattern PREFIX = Pattern.compile(
        "^\\s*(?:\\[[^\\]]{1,40}]\\s*)*(re|fw|fwd|aw|sv|wg|vs|tr|antw|rif|r|enc|odp|res)\\s*(?:\\[\\d+])?\\s*:\\s*",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_TAG = Pattern.compile("^\\s*\\[[^\\]]{1,40}]\\s*");

    private final MessageRepository messages;

    @Inject
    public Threading(MessageRepository messages) {
        this.messages = messages;
    }

    /** The thread the message joins, or empty when it starts one. */
    public Optional<String> threadJoined(String inboxId, Direction direction, MessageContent content, Instant at) {
        List<String> ancestors = new ArrayList<>(content.references());
        content.inReplyTo().ifPresent(ancestors::add);
        Optional<String> joined = threadOfAncestors(inboxId, ancestors);
        if (joined.isPresent()) {
            return joined;
        }
        // Mail arrives in any order: a reply to this message may have been indexed first.
        if (content.rfcMessageId().isPresent()) {
            Optional<String> thread = messages.threadReferencing(inboxId, content.rfcMessageId().get());
            if (thread.isPresent()) {
                return thread;
            }
        }
        if (direction == Direction.INBOUND && isReplyOrForward(content.subject())) {
            Set<String> participants = participants(content);
            for (StoredMessage candidate : messages.recentWithSubject(inboxId, normalizeSubject(content.subject()),
                at.minus(SUBJECT_WINDOW), SUBJECT_CANDIDATES)) {
                if (!Collections.disjoint(participants, participants(candidate.content()))) {
                    return Optional.of(candidate.threadId());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The thread of the inbox a message with these In-Reply-To and References Message-IDs joins, when one of them is
     * known: what mail an inbox sends joins, before it is indexed.
     */
    public Optional<String> threadOfAncestors(String inboxId, List<String> ancestorMessageIds) {
        return ancestorMessageIds.isEmpty() ? Optional.empty() : messages.threadOfRfcMessageIds(inboxId, ancestorMessageIds);
    }

    /** The subject without reply and forward markers or list tags, white space folded, lower-cased. */
    public static String normalizeSubject(String subject) {
        String rest = subject == null ? "" : subject;
        String previous;
        do {
            previous = rest;
            rest = LIST_TAG.matcher(PREFIX.matcher(rest).replaceFirst("")).replaceFirst("");
        } while (!rest.equals(previous));
        return rest.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    static boolean isReplyOrForward(String subject) {
        return subject != null && PREFIX.matcher(LIST_TAG.matcher(subject).replaceFirst("")).find();
    }

    private static Set<String> participants(MessageContent content) {
        return Addresses.bareSet(List.of(content.from()), content.to(), content.cc());
    }
}
