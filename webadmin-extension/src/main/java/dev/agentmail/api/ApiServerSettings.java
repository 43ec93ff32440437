package dev.agentmail.api;

import dev.agentmail.tls.CertificateFiles;

import java.util.Optional;

/**
 * Where the REST API listens (port 0 picks a free one), the base URL of the links it hands out, and the HTTPS
 * listener beside the plain one when the operator asks for it.
 */
public record ApiServerSettings(String bindAddress, int port, String publicUrl, Optional<Https> https,
                                ConnectionLimits connectionLimits) {
    public record Https(int port, CertificateFiles certificate) {
    }

    /** Open connections at most, over all the API's ports and per client address; 0 for no limit. */
    public record ConnectionLimits(int overall, int perAddress) {
        public static final ConnectionLimits NONE = new ConnectionLimits(0, 0);
    }

    public ApiServerSettings(String bindAddress, int port, String publicUrl) {
        this(bindAddress, port, publicUrl, Optional.empty(), ConnectionLimits.NONE);
    }
}
