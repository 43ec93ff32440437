package dev.agentmail.domain.service;

import javax.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches attachment URLs over http(s) with a size cap and timeouts, refusing hosts that resolve to loopback,
 * private, link-local (cloud metadata among them), shared or multicast addresses unless the operator allows
 * private targets. Redirects are not followed: they could lead past the check. The host is resolved for the
 * check and again by the HTTP client, so a DNS answer that changes in between is not caught.
 */
public class GuardedHttpFetcher implements AttachmentFetcher {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    private final boolean allowPrivateTargets;

    @Inject
    public GuardedHttpFetcher(PlatformSettings settings) {
        this.allowPrivateTargets = settings.allowPrivateTargets();
    }

    @Override
    public Fetched fetch(String field, URI url, long maxBytes) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new InvalidInputException(field, "only http and https URLs can be fetched");
        }
        checkTarget(field, url.getHost());
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new InvalidInputException(field, "fetching " + url + " answered HTTP " + response.statusCode()
                        + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
                }
                byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (content.length > maxBytes) {
                    throw new PayloadTooLargeException("the file at " + url + " is larger than " + maxBytes + " bytes");
                }
                return new Fetched(content, response.headers().firstValue("Content-Type")
                    .map(type -> type.split(";", 2)[0].strip()).filter(type -> !type.isEmpty()));
            }
        } catch (IOException e) {
            throw new InvalidInputException(field, "could not fetch " + url + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException(field, "fetching " + url + " was interrupted");
        }
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
