package dev.agentmail.domain.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an API key reaches: some inboxes of its organization or all of them (empty {@code inboxIds}), some
 * permissions or all of them (empty {@code permissions}). Keys made before scopes existed are {@link #FULL}.
 */
public record KeyScope(Optional<Set<String>> inboxIds, Optional<Set<Permission>> permissions) {
    public static final KeyScope FULL = new KeyScope(Optional.empty(), Optional.empty());

    public KeyScope {
        inboxIds = inboxIds.map(Set::copyOf);
        permissions = permissions.map(granted -> granted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(granted)));
    }

    public boolean allows(Permission permission) {
        return permissions.map(granted -> granted.contains(permission)).orElse(true);
    }

    public boolean reaches(String inboxId) {
        return inboxIds.map(ids -> ids.contains(inboxId)).orElse(true);
    }

    /** A key of the whole organization reaches what belongs to no inbox: organization lists, new inboxes. */
    public boolean wholeOrganization() {
        return inboxIds.isEmpty();
    }

    /** Whether a key of this scope could be made by a key of {@code maker}'s: nothing it reaches is beyond maker's. */
    public boolean within(KeyScope maker) {
        boolean inboxesWithin = maker.inboxIds.isEmpty()
            || inboxIds.map(ids -> maker.inboxIds.get().containsAll(ids)).orElse(false);
        boolean permissionsWithin = maker.permissions.isEmpty()
            || permissions.map(granted -> maker.permissions.get().containsAll(granted)).orElse(false);
        return inboxesWithin && permissionsWithin;
    }

    /** One text per scope, whatever order it was given in: an idempotent answer is replayed only to the same scope. */
    public String canonical() {
        return inboxIds.map(ids -> String.join(",", new TreeSet<>(ids))).orElse("*") + ";"
            + permissions.map(granted -> granted.stream().map(Permission::wireName).sorted()
                .collect(Collectors.joining(","))).orElse("*");
    }
}
