package dev.agentmail.mailets.inbound;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * jSPF's dnsjava service on our resolver. Its synchronous lookups take the resolver given; its asynchronous ones,
 * which jSPF's checker uses, would always ask the machine's, so they go through a lookup session on ours.
 */
final class SpfDns extends DNSServiceXBillImpl {
    SpfDns(Resolver resolver) {
        super(resolver);
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        int type = switch (request.getRecordType()) {
            case DNSRequest.A -> Type.A;
            case DNSRequest.AAAA -> Type.AAAA;
            case DNSRequest.MX -> Type.MX;
            case DNSRequest.PTR -> Type.PTR;
            case DNSRequest.TXT -> Type.TXT;
            case DNSRequest.SPF -> Type.SPF;
            default -> throw new IllegalArgumentException("no such DNS record type: " + request.getRecordType());
        };
        try {
            return LookupSession.defaultBuilder().resolver(resolver).build()
                .lookupAsync(absolute(request.getHostname()), type)
                .thenApply(answer -> convertRecordsToList(answer.getRecords().toArray(new org.xbill.DNS.Record[0])));
        } catch (TextParseException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Name absolute(String host) throws TextParseException {
        return Name.fromString(host.endsWith(".") ? host : host + ".");
    }
}
