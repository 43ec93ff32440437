package dev.agentmail.store.codec;

import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.store.StorageException;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A key's scope as two nullable text columns: null reaches everything, as keys made before scopes do; otherwise the
 * inbox ids, or the permissions' wire names, separated by spaces (neither ever holds one).
 */
public final class StoredKeyScope {
    private StoredKeyScope() {
    }

    public static String inboxIds(KeyScope scope) {
        return scope.inboxIds().map(ids -> ids.stream().sorted().collect(Collectors.joining(" "))).orElse(null);
    }

    public static String permissions(KeyScope scope) {
        return scope.permissions().map(granted -> granted.stream().sorted().map(Permission::wireName)
            .collect(Collectors.joining(" "))).orElse(null);
    }

    public static KeyScope read(String inboxIds, String permissions) {
        return new KeyScope(Optional.ofNullable(inboxIds).map(StoredKeyScope::words),
            Optional.ofNullable(permissions).map(names -> words(names).stream()
                .map(name -> Permission.fromWireName(name).orElseThrow(
                    () -> new StorageException("unknown permission '" + name + "' stored on an API key", null)))
                .collect(Collectors.toSet())));
    }

    private static Set<String> words(String joined) {
        return Arrays.stream(joined.split(" ")).filter(word -> !word.isEmpty()).collect(Collectors.toSet());
    }
}
