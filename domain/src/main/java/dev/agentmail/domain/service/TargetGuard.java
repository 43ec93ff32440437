package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import javax.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps the server from being used to reach internal services: URLs it fetches or posts to must be http(s) on hosts
 * that do not resolve to loopback, private, link-local (cloud metadata among them), shared or multicast addresses,
 * unless the operator allows private targets. The host is resolved for the check and again by the HTTP client, so a
 * DNS answer that changes in between is not caught.
 */
public class TargetGuard {
    private final boolean allowPrivateTargets;

    @Inject
    public TargetGuard(PlatformSettings settings) {
        this.allowPrivateTargets = settings.allowPrivateTargets();
    }

    /** @throws InvalidInputException naming the field when the URL may not be used */
    public void check(String field, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new InvalidInputException(field, "only http and https URLs are accepted");
        }
        checkTarget(field, url.getHost());
    }

    private void checkTarget(String field, String host) {
        if (allowPrivateTargets) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    throw new InvalidInputException(field, "URLs on internal addresses (" + host + ") are refused");
                }
            }
        } catch (UnknownHostException e) {
            throw new InvalidInputException(field, "the host " + host + " does not resolve");
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
            || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128)
                || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19));
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            boolean mappedV4 = isMappedV4(bytes);
            if (mappedV4) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
