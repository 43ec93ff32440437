package dev.agentmail.domain.service;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The bare, lower-cased address of a mailbox as displayed ({@code "Agent One <agent-1@x.com>"} gives agent-1@x.com). */
public final class Addresses {
    private Addresses() {
    }

    public static String bare(String displayed) {
        String value = displayed.strip();
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }

    @SafeVarargs
    public static Set<String> bareSet(Collection<String>... groups) {
        return Stream.of(groups).flatMap(Collection::stream).map(Addresses::bare)
            .filter(address -> !address.isEmpty()).collect(Collectors.toSet());
    }
}
