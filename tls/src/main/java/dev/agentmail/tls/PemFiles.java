package dev.agentmail.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads PEM private keys (PKCS#1 or PKCS#8, RSA or EC, unencrypted) and certificate chains. Errors name the file, never its content. */
public final class PemFiles {
    private PemFiles() {
    }

    public static PrivateKey privateKey(Path pem) {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object parsed = parser.readObject(); parsed != null; parsed = parser.readObject()) {
                if (parsed instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (parsed instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
            throw new IllegalArgumentException(pem + " holds no unencrypted private key in PEM"
                + " (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pem + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The chain as written, leaf first. */
    public static List<X509Certificate> certificates(Path pem) {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object parsed = parser.readObject(); parsed != null; parsed = parser.readObject()) {
                if (parsed instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + pem + " (" + e.getClass().getSimpleName() + ")");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(pem + " holds no certificate in PEM (BEGIN CERTIFICATE)");
        }
        return chain;
    }

    /**
     * The pair as an in-memory key store, for servers that take one (Jetty); checks that the key belongs to the
     * leaf certificate, so a half-written renewal is refused rather than served.
     */
    public static KeyStore keyStore(CertificateFiles files, char[] password) {
        PrivateKey key = privateKey(files.key());
        List<X509Certificate> chain = certificates(files.chain());
        if (!ServerCertificates.matches(key, chain.get(0))) {
            throw new IllegalArgumentException(files.key() + " is not the private key of the first certificate in "
                + files.chain());
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a key store from " + files.chain(), e);
        }
    }
}
