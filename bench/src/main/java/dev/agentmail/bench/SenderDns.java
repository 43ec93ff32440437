package dev.agentmail.bench;

import dev.agentmail.james.LoopbackDnsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The DNS our servers ask while measured, on loopback: the SPF and DMARC records of the domain the load is sent from.
 * Inbound mail is checked against them, as it is on a server on the Internet with a caching resolver beside it; the
 * machine's own resolver answers each query in tens of milliseconds, on the SMTP threads, which would measure it
 * instead of the server. Its negative answers can be kept too, as real ones can: without, the server asked again for
 * the sender's record of type SPF (there is none) with every message.
 */
final class SenderDns {
    static final String SENDER_DOMAIN = "outside.example";
    private static LoopbackDnsServer server;

    private SenderDns() {
    }

    static synchronized InetSocketAddress address() {
        if (server == null) {
            try {
                server = new LoopbackDnsServer().negativeAnswersKeptFor(60)
                    .addTxt(SENDER_DOMAIN, "v=spf1 ip4:127.0.0.0/8 -all")
                    .addTxt("_dmarc." + SENDER_DOMAIN, "v=DMARC1; p=none");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server.address();
    }
}
