package dev.agentmail.app;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/** The platform domain's DKIM key from AGENTMAIL_DKIM_KEY: an unencrypted RSA key in PEM, PKCS#1 or PKCS#8. */
final class PlatformDkimKey {
    private PlatformDkimKey() {
    }

    /** Failures name the file, never its content. */
    static PrivateKey load(Path pem) {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key;
            if (parsed instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (parsed instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IllegalArgumentException("AGENTMAIL_DKIM_KEY: " + pem
                    + " holds no unencrypted private key in PEM (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
            }
            if (!"RSA".equals(key.getAlgorithm())) {
                throw new IllegalArgumentException("AGENTMAIL_DKIM_KEY: " + pem + " is not an RSA key");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException("AGENTMAIL_DKIM_KEY: cannot read " + pem + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
