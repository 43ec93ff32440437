package dev.agentmail.domain.model;

import java.util.Objects;

/**
 * A domain's DKIM key pair: the selector it is published under, the public key (base64 X.509 SubjectPublicKeyInfo,
 * the {@code p=} of the TXT record) and the private key (base64 PKCS#8). The private key never leaves the server:
 * {@link #toString()} leaves it out so that no log line carries it.
 */
public record DkimKey(String selector, String publicKey, String privateKey) {
    public DkimKey {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "DkimKey[selector=" + selector + ", publicKey=" + publicKey + ", privateKey=(hidden)]";
    }
}
