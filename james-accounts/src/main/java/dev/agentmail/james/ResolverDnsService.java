package dev.agentmail.james;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * James's DNS on one resolver that AGENTMAIL_DNS_SERVER names ({@code host:port}), for remote delivery's MX lookups.
 * James's own DNS service takes server names only, always on port 53.
 */
public class ResolverDnsService implements DNSService {
    private final Resolver resolver;

    public ResolverDnsService(InetSocketAddress server) {
        this.resolver = DnsjavaLookup.resolver(Optional.of(server));
    }

    /** MX hosts by preference; a domain without MX is its own mail host (RFC 5321 5.1). */
    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        Lookup lookup = lookup(hostname, Type.MX);
        Record[] records = lookup.run();
        if (lookup.getResult() == Lookup.TRY_AGAIN) {
            throw new TemporaryResolutionException("DNS lookup of " + hostname + " failed for now");
        }
        if (records == null || records.length == 0) {
            return addresses(hostname).isEmpty() ? List.of() : List.of(hostname);
        }
        return Arrays.stream(records).map(MXRecord.class::cast)
            .sorted(Comparator.comparingInt(MXRecord::getPriority))
            .map(mx -> mx.getTarget().toString(true))
            .toList();
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        Record[] records = lookup(hostname, Type.TXT).run();
        if (records == null) {
            return List.of();
        }
        return Arrays.stream(records).map(TXTRecord.class::cast)
            .map(txt -> String.join("", txt.getStrings())).toList();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        List<InetAddress> addresses = addresses(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        return getAllByName(host).iterator().next();
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return InetAddress.getLocalHost();
    }

    @Override
    public String getHostName(InetAddress address) {
        Lookup lookup = new Lookup(ReverseMap.fromAddress(address), Type.PTR);
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] records = lookup.run();
        return records == null || records.length == 0 ? address.getHostAddress()
            : ((PTRRecord) records[0]).getTarget().toString(true);
    }

    private List<InetAddress> addresses(String host) {
        if (isLiteral(host)) {
            try {
                return List.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return List.of();
            }
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Record[] records = lookup(host, type).run();
            if (records != null) {
                for (Record record : records) {
                    addresses.add(record instanceof ARecord a ? a.getAddress() : ((AAAARecord) record).getAddress());
                }
            }
        }
        return addresses;
    }

    private Lookup lookup(String name, int type) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            return lookup;
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name", e);
        }
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
