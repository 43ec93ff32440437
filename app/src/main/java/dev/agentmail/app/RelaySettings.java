package dev.agentmail.app;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The relay (smarthost) outbound mail goes through instead of MX lookup: where it is, how the connection is protected,
 * and the login it asks for, if any. The password is a {@link Secret} and is sent only over TLS, unless the relay is on
 * loopback.
 */
record RelaySettings(InetSocketAddress address, Tls tls, Optional<String> user, Optional<Secret> password) {
    private static final String IPV4 = "\\d{1,3}(\\.\\d{1,3}){3}";
    private static final List<String> ONLY_WITH_A_RELAY = List.of("AGENTMAIL_SMTP_RELAY_USER",
        "AGENTMAIL_SMTP_RELAY_PASSWORD", "AGENTMAIL_SMTP_RELAY_TLS");

    /** AGENTMAIL_SMTP_RELAY_TLS; the relay's certificate is checked against the JVM's trusted CAs and its name. */
    enum Tls {
        /** Plain connection, then STARTTLS, required: a relay that does not offer it gets nothing. */
        STARTTLS,
        /** TLS from the first byte (RFC 8314, usually port 465). */
        IMPLICIT,
        /** No TLS at all, even when offered: for a relay on this machine or a trusted network. */
        NONE;

        static Tls parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "starttls" -> STARTTLS;
                case "implicit" -> IMPLICIT;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("must be starttls, implicit or none, got '" + value + "'");
            };
        }
    }

    RelaySettings {
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("AGENTMAIL_SMTP_RELAY_USER and AGENTMAIL_SMTP_RELAY_PASSWORD go together: "
                + "set both for a relay that asks for a login, or neither");
        }
        // JavaMail matches the certificate against DNS names only: with an address, TLS would fail every time.
        if (tls != Tls.NONE && address.getHostString().matches(IPV4)) {
            throw new IllegalArgumentException("AGENTMAIL_SMTP_RELAY is the address " + address.getHostString() + ", but "
                + "with TLS the relay's certificate is checked against its name: give the host name the certificate "
                + "carries, or set AGENTMAIL_SMTP_RELAY_TLS=none for a relay without TLS");
        }
        if (password.isPresent() && tls == Tls.NONE && !onLoopback(address.getHostString())) {
            throw new IllegalArgumentException("AGENTMAIL_SMTP_RELAY_TLS is none, so AGENTMAIL_SMTP_RELAY_PASSWORD would "
                + "cross the network in clear to " + address.getHostString() + ": use starttls or implicit (only a relay "
                + "on loopback may take a password without TLS)");
        }
    }

    /** @return the relay, or empty for delivery by MX lookup; its other settings make sense only with a relay */
    static Optional<RelaySettings> fromEnvironment(EnvironmentSettings env) {
        Optional<InetSocketAddress> address = env.hostAndPort("AGENTMAIL_SMTP_RELAY");
        if (address.isEmpty()) {
            ONLY_WITH_A_RELAY.stream().filter(name -> env.optional(name).isPresent()).findFirst().ifPresent(name -> {
                throw new IllegalArgumentException(name + " is set but AGENTMAIL_SMTP_RELAY is not: without a relay, "
                    + "mail goes to each recipient's MX");
            });
            return Optional.empty();
        }
        return Optional.of(new RelaySettings(address.get(),
            env.parsed("AGENTMAIL_SMTP_RELAY_TLS", "starttls", Tls::parse),
            env.optional("AGENTMAIL_SMTP_RELAY_USER"),
            env.secret("AGENTMAIL_SMTP_RELAY_PASSWORD")));
    }

    /** Named without a lookup: "localhost" or a 127.x address (AGENTMAIL_SMTP_RELAY takes no IPv6 literal). */
    private static boolean onLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.matches(IPV4) && host.startsWith("127.");
    }
}
