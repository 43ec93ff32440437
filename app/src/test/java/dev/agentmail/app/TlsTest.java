package dev.agentmail.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every listener serves TLS with an operator's certificate, signed by a throwaway CA, and real clients that verify
 * it (Python's ssl, msmtp, mbsync, Jakarta Mail, openssl) send and read mail over STARTTLS and implicit TLS.
 */
class TlsTest {
    private static Path dir;
    private static Path ca;
    private static Path certificate;
    private static Path key;
    private static TestServers.RunningServer server;
    private static String address;

    @BeforeAll
    static void startWithACertificateFromAThrowawayCa() throws Exception {
        dir = Files.createTempDirectory("agentmail-tls");
        ca = dir.resolve("ca.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("ca.key").toString(),
            "-out", ca.toString(), "-days", "2", "-subj", "/CN=agentmail test CA");
        certificate = dir.resolve("server.pem");
        key = dir.resolve("server.key");
        issue(certificate, key);
        server = TestServers.start(Map.of("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY,
            "AGENTMAIL_TLS_CERT", certificate.toString(), "AGENTMAIL_TLS_KEY", key.toString(),
            "AGENTMAIL_API_TLS_PORT", String.valueOf(FreePorts.next()), "AGENTMAIL_TLS_RELOAD_SECONDS", "1"));
        ApiClient.Reply inbox = server.api(TestServers.BOOTSTRAP_KEY).post("/api/v0/inboxes", "{\"username\":\"tls-agent\"}");
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(201);
        address = inbox.json().get("email_address").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pythonsSslVerifiesTheCertificateOnEveryPort() throws Exception {
        String script = """
            import imaplib, smtplib, ssl, sys, urllib.request
            ca, smtp, submission, submissions, imap, imaps, https, user, key = sys.argv[1:]
            context = ssl.create_default_context(cafile=ca)
            with smtplib.SMTP("127.0.0.1", int(smtp)) as s:
                s.starttls(context=context)
                s.sendmail("alice@example.com", [user], "Subject: inbound over STARTTLS\\r\\n\\r\\nhello")
            with smtplib.SMTP("127.0.0.1", int(submission)) as s:
                s.starttls(context=context)
                s.login(user, key)
                s.sendmail(user, [user], "From: %s\\r\\nSubject: submitted over STARTTLS\\r\\n\\r\\nhello" % user)
            with smtplib.SMTP_SSL("127.0.0.1", int(submissions), context=context) as s:
                s.login(user, key)
                s.sendmail(user, [user], "From: %s\\r\\nSubject: submitted over TLS\\r\\n\\r\\nhello" % user)
            with imaplib.IMAP4("127.0.0.1", int(imap)) as i:
                i.starttls(ssl_context=context)
                i.login(user, key)
                print("imap", i.select("INBOX")[0])
            with imaplib.IMAP4_SSL("127.0.0.1", int(imaps), ssl_context=context) as i:
                i.login(user, key)
                print("imaps", i.select("INBOX")[0])
            print("https", urllib.request.urlopen("https://127.0.0.1:%s/health" % https, context=context).status)
            """;
        TestServers.ServerConfig config = server.config();
        String output = run("/usr/bin/python3", "-c", script, ca.toString(), port(config.smtpPort()),
            port(config.submissionPort()), port(config.tls().submissionsPort()), port(config.imapPort()),
            port(config.tls().imapsPort()), port(config.tls().apiPort().orElseThrow()), address, TestServers.BOOTSTRAP_KEY);

        assertThat(output).contains("imap OK", "imaps OK", "https 200");
        awaitSubjects("inbound over STARTTLS", "submitted over STARTTLS", "submitted over TLS");
    }

    @Test
    void msmtpSendsOverStartTlsAndImplicitTlsVerifyingTheCertificate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/msmtp")), "msmtp is not installed (./agentmail test installs it)");
        for (String mode : List.of("starttls", "implicit")) {
            int port = mode.equals("starttls") ? server.config().submissionPort() : server.config().tls().submissionsPort();
            Path rc = ownerOnly(dir.resolve("msmtprc-" + mode), String.join("\n",
                "account agent", "host localhost", "port " + port, "tls on",
                "tls_starttls " + (mode.equals("starttls") ? "on" : "off"), "tls_trust_file " + ca,
                "auth plain", "user " + address, "password " + TestServers.BOOTSTRAP_KEY, "from " + address, ""));
            runWithInput("From: " + address + "\r\nTo: " + address + "\r\nSubject: msmtp " + mode + "\r\n\r\nhello\r\n",
                "/usr/bin/msmtp", "-C", rc.toString(), "-a", "agent", address);
        }
        awaitSubjects("msmtp starttls", "msmtp implicit");
    }

    @Test
    void mbsyncSyncsOverImapsAndStartTlsVerifyingTheCertificate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mbsync")), "mbsync (isync) is not installed (./agentmail test installs it)");
        MailClients.send(MailClients.smtp(server.config().smtpPort()), "bob@example.com", address, "for mbsync");
        awaitSubjects("for mbsync");
        for (String type : List.of("IMAPS", "STARTTLS")) {
            int port = type.equals("IMAPS") ? server.config().tls().imapsPort() : server.config().imapPort();
            Path maildir = Files.createDirectories(dir.resolve("maildir-" + type));
            Path rc = ownerOnly(dir.resolve("mbsyncrc-" + type), String.join("\n",
                "IMAPAccount agent", "Host localhost", "Port " + port, "User " + address,
                "Pass " + TestServers.BOOTSTRAP_KEY, "SSLType " + type, "CertificateFile " + ca, "",
                "IMAPStore remote", "Account agent", "",
                "MaildirStore local", "Path " + maildir + "/", "Inbox " + maildir + "/INBOX", "",
                "Channel inbox", "Far :remote:", "Near :local:", "Patterns INBOX", "Create Near", "Sync Pull",
                // Sync state inside this maildir, not in the home directory.
                "SyncState *", ""));
            run("/usr/bin/mbsync", "-c", rc.toString(), "-a");
            try (var files = Files.walk(maildir.resolve("INBOX"))) {
                List<String> messages = files.filter(Files::isRegularFile)
                    .filter(file -> file.getParent().getFileName().toString().matches("cur|new"))
                    .map(TlsTest::read).toList();
                assertThat(messages).as(type).anyMatch(message -> message.contains("Subject: for mbsync"));
            }
        }
    }

    @Test
    void jakartaMailVerifiesTheCertificateOverImapsAndStartTlsSubmission() throws Exception {
        SSLContext trusting = trusting(ca);
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.socketFactory", trusting.getSocketFactory());
        properties.put("mail.imaps.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.socketFactory", trusting.getSocketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(properties);

        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(address));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
        message.setSubject("jakarta over STARTTLS");
        message.setText("hello");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("localhost", server.config().submissionPort(), address, TestServers.BOOTSTRAP_KEY);
            transport.sendMessage(message, message.getAllRecipients());
        }
        awaitSubjects("jakarta over STARTTLS");

        Store store = session.getStore("imaps");
        store.connect("localhost", server.config().tls().imapsPort(), address, TestServers.BOOTSTRAP_KEY);
        try {
            Folder inbox = MailClients.openInbox(store);
            assertThat(inbox.getMessageCount()).isPositive();
        } finally {
            store.close();
        }
    }

    /**
     * With openssl s_client on each TLS port: TLS 1.3 and the AEAD suites with ECDHE work; TLS 1.0 and 1.1 and every
     * weaker TLS 1.2 class are refused. Debian's openssl cannot offer SSLv3, RC4, 3DES, DES, IDEA, SEED or export
     * suites at all, so the wire check cannot reach them: the servers take only {@code TlsPolicy}'s include-list,
     * which names none. (testssl.sh, which has its own handshakes for them, took about four minutes per port here.)
     */
    @Test
    void everyTlsPortRefusesOldProtocolsAndWeakCiphers() throws Exception {
        TestServers.ServerConfig config = server.config();
        List<List<String>> endpoints = List.of(
            List.of(port(config.smtpPort()), "smtp"), List.of(port(config.submissionPort()), "smtp"),
            List.of(port(config.tls().submissionsPort())), List.of(port(config.imapPort()), "imap"),
            List.of(port(config.tls().imapsPort())), List.of(port(config.tls().apiPort().orElseThrow())));
        for (List<String> endpoint : endpoints) {
            String where = String.join(" ", endpoint);
            assertThat(handshake(endpoint, "-tls1_3")).as(where + " TLS 1.3").isTrue();
            for (String strong : List.of("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                    "ECDHE-RSA-CHACHA20-POLY1305")) {
                assertThat(handshake(endpoint, "-tls1_2", "-cipher", strong)).as(where + " " + strong).isTrue();
            }
            assertThat(handshake(endpoint, "-tls1_1", "-cipher", "ALL:@SECLEVEL=0")).as(where + " TLS 1.1").isFalse();
            assertThat(handshake(endpoint, "-tls1", "-cipher", "ALL:@SECLEVEL=0")).as(where + " TLS 1.0").isFalse();
            // CBC (with and without forward secrecy), static RSA key exchange, finite-field DHE, no authentication,
            // no encryption, and the non-AES ciphers.
            for (String weak : List.of("ECDHE+AES:-AESGCM", "kRSA", "DHE", "aNULL", "eNULL", "CAMELLIA", "ARIA")) {
                assertThat(handshake(endpoint, "-tls1_2", "-cipher", weak + ":@SECLEVEL=0")).as(where + " " + weak)
                    .isFalse();
            }
        }
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
        BigInteger before = servedSerial(server.config().tls().imapsPort());
        Path renewedCertificate = dir.resolve("renewed.pem");
        Path renewedKey = dir.resolve("renewed.key");
        issue(renewedCertificate, renewedKey);
        // As ACME clients do: the new files are moved over the old ones.
        Files.move(renewedKey, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(renewedCertificate, certificate, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        BigInteger renewed = certificateSerial(certificate);
        assertThat(renewed).isNotEqualTo(before);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(servedSerial(server.config().tls().imapsPort())).isEqualTo(renewed);
            assertThat(servedSerial(server.config().tls().submissionsPort())).isEqualTo(renewed);
            assertThat(servedSerial(server.config().tls().apiPort().orElseThrow())).isEqualTo(renewed);
        });
    }

    /** A server key (PKCS#1 RSA, as many tools still write) and its certificate for localhost, signed by the CA. */
    private static void issue(Path certificateFile, Path keyFile) throws Exception {
        Path csr = Files.createTempFile(dir, "server", ".csr");
        Path extensions = Files.writeString(Files.createTempFile(dir, "ext", ".cnf"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        run("openssl", "genrsa", "-traditional", "-out", keyFile.toString(), "2048");
        run("openssl", "req", "-new", "-key", keyFile.toString(), "-subj", "/CN=localhost", "-out", csr.toString());
        run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey",
            dir.resolve("ca.key").toString(), "-set_serial", String.valueOf(System.nanoTime()), "-days", "2",
            "-extfile", extensions.toString(), "-out", certificateFile.toString());
    }

    private static boolean handshake(List<String> endpoint, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + endpoint.get(0),
            "-CAfile", ca.toString(), "-verify_return_error"));
        if (endpoint.size() > 1) {
            command.addAll(List.of("-starttls", endpoint.get(1)));
        }
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // A refusal counts only if the client did offer what it was asked to: else the check could never fail.
        assertThat(output).as(String.join(" ", command)).doesNotContain("no cipher match", "SSL_CONFIG_cmd failed");
        return process.exitValue() == 0 && output.contains("Verify return code: 0 (ok)");
    }

    private static BigInteger servedSerial(int port) throws Exception {
        SSLContext context = trusting(ca);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static BigInteger certificateSerial(Path pem) throws Exception {
        try (InputStream in = new FileInputStream(pem.toFile())) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
        }
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = new FileInputStream(caFile.toFile())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void awaitSubjects(String... subjects) {
        ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
        String inboxId = api.get("/api/v0/inboxes").json().get("data").get(0).get("inbox_id").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> seen = new ArrayList<>();
            api.get("/api/v0/inboxes/" + inboxId + "/messages?page_size=100").json().get("data")
                .forEach(message -> seen.add(message.path("subject").asText()));
            assertThat(seen).contains(subjects);
        });
    }

    private static Path ownerOnly(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String port(int port) {
        return String.valueOf(port);
    }

    private static String run(String... command) throws Exception {
        return runWithInput(null, command);
    }

    private static String runWithInput(String input, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
