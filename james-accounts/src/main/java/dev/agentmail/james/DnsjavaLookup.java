package dev.agentmail.james;

import dev.agentmail.domain.port.DnsLookup;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * DNS lookups with dnsjava, through the resolver in AGENTMAIL_DNS_SERVER or else the machine's: uncached for the checks
 * of custom domains (a user who just published a record wants it seen), or keeping answers for their TTL as a
 * resolver does, for the checks of inbound mail, which ask the same few domains for every message.
 */
public class DnsjavaLookup implements DnsLookup {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * Where dnsjava hands each answer over. Its default is the common pool, which has one thread on a machine of 2
     * cores, and there CompletableFuture starts a new thread per task instead: a thread per lookup.
     */
    private static final Executor ANSWERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dns-answers");
        thread.setDaemon(true);
        return thread;
    });

    private final Resolver resolver;
    private final Cache cache;

    private DnsjavaLookup(Optional<InetSocketAddress> server, Cache cache) {
        this.resolver = resolver(server);
        this.cache = cache;
    }

    public static DnsjavaLookup uncached(Optional<InetSocketAddress> server) {
        return new DnsjavaLookup(server, null);
    }

    /** Positive answers for their TTL, negative ones as long as their SOA allows (RFC 2308). */
    public static DnsjavaLookup caching(Optional<InetSocketAddress> server) {
        return new DnsjavaLookup(server, new Cache(DClass.IN));
    }

    /** The resolver in AGENTMAIL_DNS_SERVER, else the machine's; inbound mail checks look up through it too. */
    public static Resolver resolver(Optional<InetSocketAddress> server) {
        Resolver resolver;
        if (server.isPresent()) {
            SimpleResolver simple = new SimpleResolver(server.get()) {
                @Override
                public CompletionStage<Message> sendAsync(Message query) {
                    return sendAsync(query, ANSWERS);
                }
            };
            // A 2048-bit DKIM key makes a TXT answer of some 450 bytes: ask for more than plain DNS's 512.
            simple.setEDNS(0, SimpleResolver.DEFAULT_EDNS_PAYLOADSIZE, 0, List.of());
            resolver = simple;
        } else {
            resolver = new ExtendedResolver() {
                @Override
                public CompletionStage<Message> sendAsync(Message query) {
                    return sendAsync(query, ANSWERS);
                }
            };
        }
        resolver.setTimeout(TIMEOUT);
        return resolver;
    }

    @Override
    public List<Mx> mx(String name) {
        return Arrays.stream(run(name, Type.MX)).map(MXRecord.class::cast)
            .map(mx -> new Mx(mx.getTarget().toString(true), mx.getPriority()))
            .toList();
    }

    @Override
    public List<String> txt(String name) {
        return Arrays.stream(run(name, Type.TXT)).map(TXTRecord.class::cast)
            .map(txt -> String.join("", txt.getStrings()))
            .toList();
    }

    private Record[] run(String name, int type) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name", e);
        }
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> records;
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> new Record[0];
            default -> throw new UnavailableException("the DNS lookup of " + Type.string(type) + " " + name
                + " failed: " + lookup.getErrorString(), null);
        };
    }
}
