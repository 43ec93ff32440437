package dev.agentmail.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code AGENTMAIL_ALLOW_PLAINTEXT_AUTH=false} no password is taken in clear, not even from loopback: IMAP
 * answers {@code NO [PRIVACYREQUIRED]} and announces LOGINDISABLED, SMTP submission announces no AUTH and answers
 * 538 5.7.11, until the client has started TLS. Python's imaplib and smtplib are the clients.
 */
class PlaintextLoginTest {
    private static TestServers.RunningServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.of("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY,
            "AGENTMAIL_ALLOW_PLAINTEXT_AUTH", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void passwordsAreRefusedBeforeTlsAndTakenAfterIt() throws Exception {
        ApiClient.Reply inbox = server.api(TestServers.BOOTSTRAP_KEY).post("/api/v0/inboxes", "{\"username\":\"clear\"}");
        String address = inbox.json().get("email_address").asText();
        String script = """
            import base64, imaplib, smtplib, ssl, sys
            cert, imap, submission, user, key = sys.argv[1:]
            context = ssl.create_default_context(cafile=cert)
            with imaplib.IMAP4("127.0.0.1", int(imap)) as i:
                print("imap capabilities", " ".join(i.capabilities))
                try:
                    i.login(user, key)
                    print("imap clear login accepted")
                except imaplib.IMAP4.error as e:
                    print("imap clear login refused:", e)
                i.starttls(ssl_context=context)
                print("imap tls capabilities", " ".join(i.capabilities))
                print("imap tls login", i.login(user, key)[0])
            with smtplib.SMTP("127.0.0.1", int(submission)) as s:
                s.ehlo()
                print("smtp clear auth offered", s.has_extn("auth"))
                plain = base64.b64encode(("\\0%s\\0%s" % (user, key)).encode()).decode()
                print("smtp clear auth", s.docmd("AUTH", "PLAIN " + plain))
                s.starttls(context=context)
                s.ehlo()
                print("smtp tls auth offered", s.has_extn("auth"))
                print("smtp tls login", s.login(user, key)[0])
            """;
        String output = run("/usr/bin/python3", "-c", script,
            server.config().dataDir().resolve("tls/cert.pem").toString(), String.valueOf(server.config().imapPort()),
            String.valueOf(server.config().submissionPort()), address, TestServers.BOOTSTRAP_KEY);

        assertThat(output)
            .containsPattern("imap capabilities .*LOGINDISABLED")
            .doesNotContainPattern("imap capabilities .*AUTH=PLAIN")
            .contains("imap clear login refused: b'[PRIVACYREQUIRED]")
            .containsPattern("imap tls capabilities .*AUTH=PLAIN")
            .contains("imap tls login OK")
            .contains("smtp clear auth offered False")
            .contains("smtp clear auth (538, b'5.7.11")
            .contains("smtp tls auth offered True")
            .contains("smtp tls login 235");
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
