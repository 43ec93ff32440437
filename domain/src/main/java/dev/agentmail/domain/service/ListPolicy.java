package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.ListEntry;
import dev.agentmail.domain.model.ListEntry.Direction;
import dev.agentmail.domain.model.ListEntry.Kind;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.ListEntryRepository;

import javax.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides what the lists say of one address, for every entry point alike (SMTP hooks, the API's sends): a block
 * always wins; a non-empty allow list admits only what it covers; an inbox's lists add to its organization's.
 */
public class ListPolicy {
    private final ListEntryRepository lists;
    private final InboxRepository inboxes;

    @Inject
    public ListPolicy(ListEntryRepository lists, InboxRepository inboxes) {
        this.lists = lists;
        this.inboxes = inboxes;
    }

    /** Refused by a list: the words name the address and the list. */
    public static class RefusedException extends ForbiddenException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** Why {@code recipient}'s lists refuse mail from {@code sender}, if they do. */
    public Optional<String> receiving(Inbox recipient, String sender) {
        return decide(recipient, Direction.RECEIVE, Addresses.bare(sender))
            .map(list -> recipient.emailAddress() + " does not accept mail from " + Addresses.bare(sender) + " ("
                + list + ")");
    }

    /**
     * Why mail from {@code sender} to {@code recipient} is refused, if it is: by the sender's send lists, or, when the
     * recipient is one of our inboxes, by its receive lists.
     */
    public Optional<String> sending(Inbox sender, String recipient) {
        String address = Addresses.bare(recipient);
        Optional<String> refused = decide(sender, Direction.SEND, address)
            .map(list -> sender.emailAddress() + " may not send to " + address + " (" + list + ")");
        if (refused.isPresent()) {
            return refused;
        }
        int at = address.lastIndexOf('@');
        return at <= 0 ? Optional.empty() : inboxes.findByAddress(address.substring(0, at), address.substring(at + 1))
            .flatMap(local -> receiving(local, sender.emailAddress()));
    }

    /** @throws RefusedException naming the first refused recipient; nothing is then sent to anyone */
    public void requireSendable(Inbox sender, Collection<String> recipients) {
        for (String recipient : recipients) {
            Optional<String> refused = sending(sender, recipient);
            if (refused.isPresent()) {
                throw new RefusedException(refused.get());
            }
        }
    }

    /** The list that refuses {@code address}, described, or empty when the address may pass. */
    private Optional<String> decide(Inbox inbox, Direction direction, String address) {
        List<ListEntry> entries = lists.entriesFor(inbox.organizationId(), inbox.id(), direction);
        Optional<ListEntry> blocked = entries.stream()
            .filter(entry -> entry.kind() == Kind.BLOCK && entry.covers(address)).findFirst();
        if (blocked.isPresent()) {
            return Optional.of("blocked by the " + level(blocked.get()) + "'s " + direction.wireName() + " block list: "
                + blocked.get().entry());
        }
        List<ListEntry> allowed = entries.stream().filter(entry -> entry.kind() == Kind.ALLOW).toList();
        if (!allowed.isEmpty() && allowed.stream().noneMatch(entry -> entry.covers(address))) {
            return Optional.of("not on the " + direction.wireName() + " allow list");
        }
        return Optional.empty();
    }

    private static String level(ListEntry entry) {
        return entry.inboxId().isPresent() ? "inbox" : "organization";
    }
}
