package dev.agentmail.app;

import dev.agentmail.tls.CertificateFiles;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

/** A certificate authority made with openssl for one test, and the loopback server certificates it issues. */
final class ThrowawayCa {
    private final Path dir;
    private final Path certificate;
    private final Path key;

    private ThrowawayCa(Path dir) {
        this.dir = dir;
        this.certificate = dir.resolve("ca.pem");
        this.key = dir.resolve("ca.key");
    }

    static ThrowawayCa create(Path dir) throws Exception {
        ThrowawayCa ca = new ThrowawayCa(dir);
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca.key.toString(), "-out",
            ca.certificate.toString(), "-days", "2", "-subj", "/CN=agentmail throwaway CA");
        return ca;
    }

    Path certificate() {
        return certificate;
    }

    /** A server certificate for localhost and 127.0.0.1, signed by this CA. */
    CertificateFiles issue(String name) throws Exception {
        Path chain = dir.resolve(name + ".pem");
        Path serverKey = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path extensions = Files.writeString(dir.resolve(name + ".cnf"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", serverKey.toString(), "-subj", "/CN=localhost",
            "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", certificate.toString(), "-CAkey", key.toString(),
            "-set_serial", String.valueOf(System.nanoTime()), "-days", "2", "-extfile", extensions.toString(),
            "-out", chain.toString());
        return new CertificateFiles(chain, serverKey);
    }

    /** A PKCS#12 trust store that holds only this CA, for a JVM's {@code javax.net.ssl.trustStore}. */
    Path trustStore(String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("throwaway-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path file = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static void openssl(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
