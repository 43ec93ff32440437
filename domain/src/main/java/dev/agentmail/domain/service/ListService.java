package dev.agentmail.domain.service;

import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.model.ListEntry.Direction;
import dev.agentmail.domain.model.ListEntry.Kind;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.ListEntryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The allow and block lists of organizations and inboxes, as the API manages them. */
public class ListService {
    static final int MAX_ENTRIES = 1000;
    private static final int MAX_REASON_LENGTH = 500;
    private static final int MAX_LOCAL_PART = 64;
    private static final Logger LOGGER = LoggerFactory.getLogger(ListService.class);

    private final ListEntryRepository lists;
    private final InboxService inboxes;
    private final Clock clock;

    @Inject
    public ListService(ListEntryRepository lists, InboxService inboxes, Clock clock) {
        this.lists = lists;
        this.inboxes = inboxes;
        this.clock = clock;
    }

    /** One list: its owner (an inbox, or the organization itself) and which list of it. */
    public record ListName(String organizationId, Optional<String> inboxId, Direction direction, Kind kind) {
    }

    /** @throws NotFoundException when the path names no list, or an inbox of another organization */
    public ListName name(String organizationId, Optional<String> inboxId, String direction, String kind) {
        if (inboxId.isPresent()) {
            inboxes.get(organizationId, inboxId.get());
        } else {
            CallerScope.requireWholeOrganization("the organization's lists");
        }
        return new ListName(organizationId, inboxId, parse(Direction.class, direction, direction + "/" + kind),
            parse(Kind.class, kind, direction + "/" + kind));
    }

    public ListEntry add(ListName list, String entry, String reason) {
        ListEntry added = new ListEntry(list.organizationId(), list.inboxId(), list.direction(), list.kind(),
            normalize(entry), TextInput.optional("reason", reason, MAX_REASON_LENGTH),
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (lists.count(list.organizationId(), list.inboxId(), list.direction(), list.kind()) >= MAX_ENTRIES) {
            throw new LimitExceededException("a list can have at most " + MAX_ENTRIES + " entries");
        }
        if (!lists.add(added)) {
            throw new ConflictException("'" + added.entry() + "' is in this list already");
        }
        LOGGER.info("Added {} to the {} {} list of {}", added.entry(), list.direction().wireName(),
            list.kind().wireName(), list.inboxId().orElse(list.organizationId()));
        return added;
    }

    public Page<ListEntry> list(ListName list, PageRequest pageRequest) {
        return lists.list(list.organizationId(), list.inboxId(), list.direction(), list.kind(), pageRequest);
    }

    public void remove(ListName list, String entry) {
        String normalized;
        try {
            normalized = normalize(entry);
        } catch (InvalidInputException e) {
            throw new NotFoundException("list entry", entry);
        }
        if (!lists.delete(list.organizationId(), list.inboxId(), list.direction(), list.kind(), normalized)) {
            throw new NotFoundException("list entry", entry);
        }
    }

    /** {@code a@example.com}, {@code example.com} or {@code *.example.com}; lower-cased, IDNs as A-labels. */
    static String normalize(String raw) {
        String entry = raw == null ? "" : raw.strip();
        if (entry.isEmpty()) {
            throw new InvalidInputException("entry", "entry is required");
        }
        int at = entry.lastIndexOf('@');
        if (at >= 0) {
            String local = entry.substring(0, at);
            if (local.isEmpty() || local.length() > MAX_LOCAL_PART || local.contains("@")
                || local.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || c == '<' || c == '>' || c == ',' || c == '"')) {
                throw new InvalidInputException("entry", "entry must be an address, a domain or *.domain");
            }
            return local.toLowerCase(Locale.ROOT) + "@" + DomainNames.normalize("entry", entry.substring(at + 1));
        }
        if (entry.startsWith("*.")) {
            return "*." + DomainNames.normalize("entry", entry.substring(2));
        }
        return DomainNames.normalize("entry", entry);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String list) {
        return Arrays.stream(type.getEnumConstants())
            .filter(constant -> constant.name().toLowerCase(Locale.ROOT).equals(value))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("list", list));
    }
}
