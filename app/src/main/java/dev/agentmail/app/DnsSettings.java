package dev.agentmail.app;

import java.net.InetSocketAddress;
import java.util.Optional;

/** The DNS resolver of MX lookups and domain checks (AGENTMAIL_DNS_SERVER); none means the system's. */
record DnsSettings(Optional<InetSocketAddress> resolver) {
    /** The resolver's address looked up, as the DNS clients want it. */
    Optional<InetSocketAddress> resolvedResolver() {
        return resolver.map(server -> new InetSocketAddress(server.getHostString(), server.getPort()));
    }
}
