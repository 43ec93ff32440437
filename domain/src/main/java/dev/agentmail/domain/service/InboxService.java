package dev.agentmail.domain.service;

import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.SendMode;
import dev.agentmail.domain.port.MailAccounts;
import dev.agentmail.domain.store.AddressTakenException;
import dev.agentmail.domain.store.ClientIdTakenException;
import dev.agentmail.domain.store.InboxRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

public class InboxService {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboxService.class);
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9._%+-]{1,64}");
    private static final int MAX_DISPLAY_NAME_LENGTH = 200;
    private static final int MAX_CLIENT_ID_LENGTH = 200;

    private final InboxRepository inboxes;
    private final MailAccounts mailAccounts;
    private final DomainService domains;
    private final PlatformSettings settings;
    private final Clock clock;

    @Inject
    public InboxService(InboxRepository inboxes, MailAccounts mailAccounts, DomainService domains,
                        PlatformSettings settings, Clock clock) {
        this.inboxes = inboxes;
        this.mailAccounts = mailAccounts;
        this.domains = domains;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code ttlSeconds}, when given, makes a disposable inbox that is deleted that long after its creation. */
    public record NewInbox(String username, String domain, String displayName, String clientId, Long ttlSeconds,
                           String sendMode) {
        public NewInbox(String username, String domain, String displayName, String clientId, Long ttlSeconds) {
            this(username, domain, displayName, clientId, ttlSeconds, null);
        }

        public NewInbox(String username, String domain, String displayName, String clientId) {
            this(username, domain, displayName, clientId, null, null);
        }
    }

    public static final Duration MIN_TTL = Duration.ofSeconds(1);
    public static final Duration MAX_TTL = Duration.ofDays(30);

    /** An inbox asked for, and whether this call created it or found the organization's one with its client_id. */
    public record Creation(Inbox inbox, boolean created) {
    }

    /** The created inbox, or the one of the organization that has the same client_id. */
    public Inbox create(String organizationId, NewInbox request) {
        return createOrFind(organizationId, request).inbox();
    }

    /**
     * Creates an inbox, unless the organization has one with this client_id: then that one is the answer, whatever
     * else the request says, so that a retried creation makes no second inbox.
     */
    public Creation createOrFind(String organizationId, NewInbox request) {
        CallerScope.requireWholeOrganization("creating an inbox");
        String username = validUsername(request.username());
        String domain = domains.usableDomain(organizationId, request.domain());
        Optional<String> displayName = TextInput.optional("display_name", request.displayName(), MAX_DISPLAY_NAME_LENGTH);
        Optional<String> clientId = TextInput.optional("client_id", request.clientId(), MAX_CLIENT_ID_LENGTH);
        SendMode sendMode = request.sendMode() == null ? SendMode.DIRECT : sendMode(request.sendMode());
        if (sendMode == SendMode.APPROVAL && request.ttlSeconds() != null) {
            throw new InvalidInputException("send_mode", "a disposable inbox does not send");
        }
        Optional<Inbox> existing = clientId.flatMap(id -> inboxes.findByClientId(organizationId, id));
        if (existing.isPresent()) {
            return new Creation(existing.get(), false);
        }

        if (inboxes.count(organizationId) >= settings.inboxLimit()) {
            throw new LimitExceededException("the organization has reached its limit of "
                + settings.inboxLimit() + " inboxes");
        }
        if (inboxes.findByAddress(username, domain).isPresent()) {
            throw new AddressTakenException(username + "@" + domain);
        }
        Optional<Duration> ttl = ttl(request.ttlSeconds());
        Instant now = now();
        Inbox inbox = new Inbox(Ids.inbox(), organizationId, username, domain, displayName, clientId, now, now,
            ttl.map(now::plus), sendMode);
        // The row goes first: its unique address and client_id are what stop two concurrent creations.
        try {
            inboxes.create(inbox);
        } catch (ClientIdTakenException raced) {
            return new Creation(inboxes.findByClientId(organizationId, clientId.orElseThrow()).orElseThrow(() -> raced),
                false);
        }
        try {
            mailAccounts.provision(inbox.emailAddress());
            if (inbox.approvalRequired()) {
                mailAccounts.provisionApprovalFolders(inbox.emailAddress());
            }
        } catch (RuntimeException e) {
            try {
                inboxes.delete(organizationId, inbox.id());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        LOGGER.info("Created inbox {} ({}) for organization {}", inbox.id(), inbox.emailAddress(), organizationId);
        return new Creation(inbox, true);
    }

    /**
     * The one place an inbox is resolved for a caller: an inbox beyond the caller's key scope is not found, as one
     * of another organization is.
     */
    public Inbox get(String organizationId, String inboxId) {
        return inboxes.find(organizationId, inboxId).filter(inbox -> CallerScope.current().reaches(inbox.id()))
            .orElseThrow(() -> new NotFoundException("inbox", inboxId));
    }

    /** Newest first; a key scoped to inboxes lists those of them that still exist. */
    public Page<Inbox> list(String organizationId, PageRequest pageRequest) {
        Optional<Set<String>> scoped = CallerScope.current().inboxIds();
        if (scoped.isEmpty()) {
            return inboxes.list(organizationId, pageRequest);
        }
        return ScopedPages.page(scoped.get().stream().map(id -> inboxes.find(organizationId, id))
            .flatMap(Optional::stream)
            .sorted(Comparator.comparing(Inbox::createdAt).thenComparing(Inbox::id).reversed())
            .toList(), pageRequest);
    }

    public Inbox updateDisplayName(String organizationId, String inboxId, String displayName) {
        return update(organizationId, inboxId, Optional.of(Optional.ofNullable(displayName)), Optional.empty());
    }

    /** Changes what is given: the display name (empty clears it), the send mode. */
    public Inbox update(String organizationId, String inboxId, Optional<Optional<String>> displayName,
                        Optional<String> sendMode) {
        Inbox inbox = get(organizationId, inboxId);
        Instant now = now();
        if (displayName.isPresent()) {
            inbox = inbox.withDisplayName(TextInput.optional("display_name", displayName.get().orElse(null),
                MAX_DISPLAY_NAME_LENGTH), now);
        }
        if (sendMode.isPresent()) {
            SendMode mode = sendMode(sendMode.get());
            if (mode == SendMode.APPROVAL && inbox.disposable()) {
                throw new InvalidInputException("send_mode", "a disposable inbox does not send");
            }
            if (mode == SendMode.APPROVAL) {
                mailAccounts.provisionApprovalFolders(inbox.emailAddress());
            }
            inbox = inbox.withSendMode(mode, now);
        }
        inboxes.update(inbox);
        return inbox;
    }

    private static SendMode sendMode(String wire) {
        return SendMode.fromWireName(wire).orElseThrow(() -> new InvalidInputException("send_mode",
            "send_mode is 'direct' or 'approval'"));
    }

    public void delete(String organizationId, String inboxId) {
        Inbox inbox = get(organizationId, inboxId);
        // Mail first: a row without an account is harmless, an account without a row could never be freed.
        mailAccounts.remove(inbox.emailAddress());
        inboxes.delete(organizationId, inboxId);
        LOGGER.info("Deleted inbox {} ({}) of organization {}", inbox.id(), inbox.emailAddress(), organizationId);
    }

    /** Deletes the disposable inboxes whose time has come; @return how many */
    public int deleteExpired(int limit) {
        int deleted = 0;
        for (Inbox inbox : inboxes.findExpired(now(), limit)) {
            delete(inbox.organizationId(), inbox.id());
            deleted++;
        }
        return deleted;
    }

    private static Optional<Duration> ttl(Long seconds) {
        if (seconds == null) {
            return Optional.empty();
        }
        if (seconds < MIN_TTL.toSeconds() || seconds > MAX_TTL.toSeconds()) {
            throw new InvalidInputException("ttl_seconds", "ttl_seconds must be between " + MIN_TTL.toSeconds()
                + " and " + MAX_TTL.toSeconds());
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static String validUsername(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidInputException("username", "username is required");
        }
        // Checked before lower-casing: Unicode case folding would turn a Kelvin sign into a 'k'.
        if (!USERNAME.matcher(raw).matches()) {
            throw new InvalidInputException("username",
                "username must be 1 to 64 characters among a-z, A-Z, 0-9 and . _ % + -");
        }
        String username = raw.toLowerCase(Locale.ROOT);
        if (username.startsWith(".") || username.endsWith(".") || username.contains("..")) {
            throw new InvalidInputException("username",
                "username must not start or end with a dot, nor contain two dots in a row");
        }
        return username;
    }

    private Instant now() {
        return clock.instant();
    }
}
