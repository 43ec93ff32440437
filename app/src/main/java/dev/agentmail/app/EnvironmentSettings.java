package dev.agentmail.app;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one reader of {@code AGENTMAIL_*} variables: one set of parsing rules, and for a bad value one
 * {@link IllegalArgumentException} whose message starts with the variable's name. An empty or blank value counts as
 * unset. Secrets come back as {@link Secret}, and error messages never repeat them.
 */
final class EnvironmentSettings {
    private final Map<String, String> env;

    EnvironmentSettings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    String text(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** @param when what makes it needed, for the message: "with AGENTMAIL_STORAGE=distributed" */
    String required(String name, String when) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is needed " + when));
    }

    Optional<Secret> secret(String name) {
        return optional(name).map(Secret::new);
    }

    int integer(String name, int fallback, int min, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value.get() + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
        return parsed;
    }

    int port(String name, int fallback) {
        return integer(name, fallback, 1, 65535);
    }

    /** A duration given in whole seconds, as the {@code *_SECONDS} variables are. */
    Duration seconds(String name, int fallback, int min, int max) {
        return Duration.ofSeconds(integer(name, fallback, min, max));
    }

    boolean bool(String name, boolean fallback) {
        return optional(name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        }).orElse(fallback);
    }

    /** {@code host:port}, unresolved: the host is looked up when it is used. */
    Optional<InetSocketAddress> hostAndPort(String name) {
        return optional(name).map(value -> {
            int colon = value.lastIndexOf(':');
            if (!value.matches("[A-Za-z0-9.-]+:\\d{1,5}") || Integer.parseInt(value.substring(colon + 1)) > 65535) {
                throw new IllegalArgumentException(name + " must be host:port, got '" + value + "'");
            }
            return InetSocketAddress.createUnresolved(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        });
    }

    /** An absolute URL with a host and one of {@code schemes}; the message leaves out any user info it holds. */
    Optional<URI> url(String name, String... schemes) {
        return optional(name).map(value -> {
            try {
                URI uri = new URI(value);
                if (uri.getHost() != null && List.of(schemes).contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // answered below
            }
            throw new IllegalArgumentException(name + " must be a " + String.join(" or ", schemes)
                + " URL with a host, got '" + value.replaceAll("//[^/@]*@", "//") + "'");
        });
    }

    Path path(String name, String fallback) {
        return optionalPath(name).orElseGet(() -> absolute(name, fallback));
    }

    Optional<Path> optionalPath(String name) {
        return optional(name).map(value -> absolute(name, value));
    }

    /** Published in DNS records the server hands out: anything but a host name would corrupt them. */
    String hostName(String name, String fallback) {
        String value = text(name, fallback).toLowerCase(Locale.ROOT);
        if (!value.matches("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*") || value.length() > 253) {
            throw new IllegalArgumentException(name + " must be a host name, got '" + value + "'");
        }
        return value;
    }

    String dnsLabel(String name, String fallback) {
        String value = text(name, fallback).toLowerCase(Locale.ROOT);
        if (!value.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException(name + " must be one DNS label (letters, digits, hyphens), got '" + value + "'");
        }
        return value;
    }

    Optional<String> email(String name) {
        return optional(name).map(value -> {
            if (!value.matches("[^@\\s;,<>]+@[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException(name + " must be an email address, got '" + value + "'");
            }
            return value;
        });
    }

    /** A value in a format of its own: {@code parser}'s complaint comes back prefixed with the variable's name. */
    <T> T parsed(String name, String fallback, Function<String, T> parser) {
        return parse(name, text(name, fallback), parser);
    }

    static <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static Path absolute(String name, String value) {
        return parse(name, value, Path::of).toAbsolutePath().normalize();
    }
}
