package dev.agentmail.domain.service;

import dev.agentmail.domain.model.DkimKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** DKIM keys: RSA 2048, as RFC 8301 asks of signers, in the encodings the TXT record and the database hold. */
public final class DkimKeys {
    private static final int BITS = 2048;

    private DkimKeys() {
    }

    public static DkimKey generate(String selector) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return new DkimKey(selector, base64.encodeToString(pair.getPublic().getEncoded()),
                base64.encodeToString(pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    public static PrivateKey privateKey(DkimKey key) {
        try {
            return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.privateKey())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The message never holds the key itself.
            throw new IllegalStateException("the stored DKIM key of selector " + key.selector() + " cannot be read", e);
        }
    }
}
