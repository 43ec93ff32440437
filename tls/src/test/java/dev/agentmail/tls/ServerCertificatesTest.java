package dev.agentmail.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerCertificatesTest {
    @TempDir
    Path dir;

    @Test
    void firstStartMakesAnOwnerOnlySelfSignedCertificateAndKeepsItAfterwards() throws Exception {
        CertificateFiles files = ServerCertificates.choose(Optional.empty(), Optional.empty(), dir, "mail.example.test");

        assertThat(files.chain()).isEqualTo(dir.resolve("tls/cert.pem").toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.key()))).isEqualTo("rw-------");
        X509Certificate leaf = PemFiles.certificates(files.chain()).get(0);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.test");
        assertThat(leaf.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
            .contains("mail.example.test", "localhost", "127.0.0.1");
        leaf.verify(leaf.getPublicKey());

        String fingerprint = ServerCertificates.fingerprint(files.chain());
        ServerCertificates.choose(Optional.empty(), Optional.empty(), dir, "mail.example.test");
        assertThat(ServerCertificates.fingerprint(files.chain())).isEqualTo(fingerprint);
    }

    @Test
    void fingerprintIsTheOneOpensslPrints() throws Exception {
        CertificateFiles files = ServerCertificates.choose(Optional.empty(), Optional.empty(), dir, "example.test");
        String openssl = run("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", files.chain().toString());
        assertThat(openssl.trim()).endsWith("=" + ServerCertificates.fingerprint(files.chain()));
    }

    @Test
    void operatorKeysInEveryPemFormIsLoaded() throws Exception {
        for (List<String> keyCommand : List.of(
                List.of("openssl", "genrsa", "-traditional", "-out"),           // PKCS#1 RSA
                List.of("openssl", "genpkey", "-algorithm", "RSA", "-out"),     // PKCS#8 RSA
                List.of("openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out"))) { // SEC1 EC
            Path key = Files.createTempFile(dir, "key", ".pem");
            Path cert = Files.createTempFile(dir, "cert", ".pem");
            run(concat(keyCommand, key.toString()));
            run("openssl", "req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=op.example.test", "-days", "2",
                "-out", cert.toString());

            CertificateFiles files = ServerCertificates.choose(Optional.of(cert), Optional.of(key), dir, "ignored");

            KeyStore store = PemFiles.keyStore(files, new char[0]);
            assertThat(store.isKeyEntry("server")).as(keyCommand.toString()).isTrue();
        }
        assertThat(dir.resolve("tls")).doesNotExist();
    }

    @Test
    void aKeyThatIsNotTheCertificatesOrOnlyOneFileIsRefusedNamingTheFile() throws Exception {
        CertificateFiles one = ServerCertificates.choose(Optional.empty(), Optional.empty(), dir.resolve("a"), "a.test");
        CertificateFiles other = ServerCertificates.choose(Optional.empty(), Optional.empty(), dir.resolve("b"), "b.test");

        assertThatThrownBy(() -> ServerCertificates.choose(Optional.of(one.chain()), Optional.of(other.key()), dir, "x"))
            .hasMessageContaining(other.key().toString()).hasMessageContaining("not the private key");
        assertThatThrownBy(() -> ServerCertificates.choose(Optional.of(one.chain()), Optional.empty(), dir, "x"))
            .hasMessageContaining("AGENTMAIL_TLS_KEY");
        Path notPem = Files.writeString(dir.resolve("junk.pem"), "hello");
        assertThatThrownBy(() -> ServerCertificates.choose(Optional.of(notPem), Optional.of(one.key()), dir, "x"))
            .hasMessageContaining(notPem.toString()).hasMessageNotContaining("hello");
    }

    private static List<String> concat(List<String> head, String last) {
        return java.util.stream.Stream.concat(head.stream(), java.util.stream.Stream.of(last)).toList();
    }

    static String run(String... command) throws Exception {
        return run(List.of(command));
    }

    static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(command + ": " + output).isZero();
        return output;
    }
}
