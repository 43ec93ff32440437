package dev.agentmail.domain.access;

import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.Permission;

import java.util.function.Supplier;

/**
 * The scope of the API key the current request runs with, bound to the request's thread by the API's key filter
 * and cleared when the request leaves. The services consult it where they resolve an inbox for a caller and where
 * a permission is needed. Work that runs for no API key (mail delivery, scheduled sends, IMAP) sees
 * {@link KeyScope#FULL}: its own authority is checked elsewhere.
 */
public final class CallerScope {
    private static final ThreadLocal<KeyScope> CURRENT = new ThreadLocal<>();

    private CallerScope() {
    }

    public static void bind(KeyScope scope) {
        CURRENT.set(scope);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** Runs {@code work} with {@code scope} bound, then restores what was bound before. */
    public static <T> T with(KeyScope scope, Supplier<T> work) {
        KeyScope before = CURRENT.get();
        CURRENT.set(scope);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    public static KeyScope current() {
        KeyScope scope = CURRENT.get();
        return scope == null ? KeyScope.FULL : scope;
    }

    public static void require(Permission permission) {
        if (!current().allows(permission)) {
            throw new ForbiddenException("this API key lacks the '" + permission.wireName() + "' permission");
        }
    }

    /** For what belongs to no one inbox, which a key scoped to inboxes does not reach. */
    public static void requireWholeOrganization(String what) {
        if (!current().wholeOrganization()) {
            throw new ForbiddenException("this API key is scoped to inboxes: " + what
                + " needs a key of the whole organization");
        }
    }
}
