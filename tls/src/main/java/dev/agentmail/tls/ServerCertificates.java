package dev.agentmail.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Chooses the certificate every TLS listener serves, making a self-signed one on first start when none is given. */
public final class ServerCertificates {
    private static final Logger LOGGER = LoggerFactory.getLogger(ServerCertificates.class);
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(825);

    private ServerCertificates() {
    }

    /**
     * The operator's files when given (both must be), otherwise {@code tls/cert.pem} and {@code tls/key.pem} under
     * the data dir, generated for the platform domain the first time; the directory and key are owner-only.
     */
    public static CertificateFiles choose(Optional<Path> chain, Optional<Path> key, Path dataDir, String domain) {
        if (chain.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("AGENTMAIL_TLS_CERT and AGENTMAIL_TLS_KEY go together: set both or neither");
        }
        if (chain.isPresent()) {
            CertificateFiles files = new CertificateFiles(chain.get().toAbsolutePath(), key.get().toAbsolutePath());
            PemFiles.keyStore(files, new char[0]);
            return files;
        }
        Path dir = dataDir.resolve("tls").toAbsolutePath();
        CertificateFiles files = new CertificateFiles(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        if (!Files.exists(files.chain()) || !Files.exists(files.key())) {
            generateSelfSigned(domain, files);
            LOGGER.info("Generated a self-signed TLS certificate for {} in {}", domain, files.chain());
        }
        return files;
    }

    /** SHA-256 of the leaf certificate, as openssl prints it ({@code AB:CD:...}). */
    public static String fingerprint(Path chain) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(PemFiles.certificates(chain).get(0).getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(PrivateKey key, X509Certificate certificate) {
        try {
            String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT).equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** An EC P-256 certificate for the domain, localhost and the loopback addresses, valid for 825 days. */
    static void generateSelfSigned(String domain, CertificateFiles files) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + domain);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(SELF_SIGNED_VALIDITY)), subject, pair.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, domain),
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}))
                // Its own trust anchor: clients pin this file as their CA.
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            Path dir = files.chain().getParent();
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            writeOwnerOnly(files.key(), pem(pair.getPrivate()));
            writeOwnerOnly(files.chain(), pem(certificate));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a self-signed certificate in " + files.chain().getParent(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof PrivateKey key
                ? new JcaPKCS8Generator(key, null) : object);
        }
        return out.toString();
    }

    /** Written beside and moved into place, so a reader never sees half a file. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        ownerOnly(temp, "rw-------");
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
