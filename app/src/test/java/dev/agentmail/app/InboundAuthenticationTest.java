package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.james.LoopbackDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SPF, DKIM and DMARC of mail from outside, as the world sends it: sender domains publish their records on a real
 * DNS server on loopback, an independent signer (Debian's python3-dkim) signs, Python's smtplib sends from 127.0.0.1
 * to the inbound port. One server records only (the default), one enforces the sender domains' DMARC policies.
 */
class InboundAuthenticationTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String AUTHSERV_ID = "mx.agentmail.localhost";
    private static final String SELECTOR = "s1";

    private static LoopbackDnsServer dns;
    private static Path keyFile;
    private static String publicKey;
    private static Path sender;
    private static Side monitor;
    private static Side enforce;

    /** A server with an organization, its webhook receiver, and one inbox per test. */
    private record Side(TestServers.RunningServer server, ApiClient api, WebhookReceiver receiver) {
        JsonNode newInbox() {
            ApiClient.Reply reply = api.post("/api/v0/inboxes",
                "{\"username\":\"auth-" + UUID.randomUUID().toString().substring(0, 8) + "\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            return reply.json();
        }

        int smtpPort() {
            return server.config().smtpPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(pythonDkimAvailable(), PYTHON + " with python3-dkim is needed to sign mail as an outside server "
            + "would: apt-get install python3-dkim (CI installs it)");
        dns = new LoopbackDnsServer();
        Path dir = Files.createTempDirectory("agentmail-inbound-auth");
        KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        keyFile = dir.resolve("sender-dkim.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
        publicKey = Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
        sender = dir.resolve("inbound-send.py");
        try (InputStream in = InboundAuthenticationTest.class.getResourceAsStream("/inbound-send.py")) {
            Files.write(sender, in.readAllBytes());
        }
        monitor = side(Map.of());
        enforce = side(Map.of("AGENTMAIL_INBOUND_DMARC", "enforce"));
    }

    private static Side side(Map<String, String> settings) {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY);
        env.put("AGENTMAIL_DNS_SERVER", "127.0.0.1:" + dns.address().getPort());
        env.put("AGENTMAIL_MX_HOST", AUTHSERV_ID);
        env.put("AGENTMAIL_STORAGE", "memory");
        TestServers.RunningServer server = startOnBusyMachine(env);
        ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
        WebhookReceiver receiver = new WebhookReceiver();
        WebhooksTest.subscribe(api, receiver,
            "{\"url\":\"RECEIVER\",\"event_types\":[\"message.received\",\"message.rejected\"]}");
        return new Side(server, api, receiver);
    }

    /** On a loaded machine Derby's first start in a JVM can outlast the pool's 5 s login: once more then. */
    private static TestServers.RunningServer startOnBusyMachine(Map<String, String> env) {
        try {
            return TestServers.start(env);
        } catch (IllegalStateException slowFirstStart) {
            return TestServers.start(env);
        }
    }

    @AfterAll
    static void stop() {
        for (Side side : new Side[] {monitor, enforce}) {
            if (side != null) {
                side.receiver().close();
                side.server().close();
            }
        }
        if (dns != null) {
            dns.close();
        }
    }

    /** A new sender domain with the given SPF and DMARC records (either may be null) and our signer's DKIM key. */
    private static String domain(String spf, String dmarc) {
        String domain = "sender-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        if (spf != null) {
            dns.addTxt(domain, spf);
        }
        if (dmarc != null) {
            dns.addTxt("_dmarc." + domain, dmarc);
        }
        dns.addTxt(SELECTOR + "._domainkey." + domain, "v=DKIM1; k=rsa; p=" + publicKey);
        return domain;
    }

    private enum Signing { SIGNED, TAMPERED, UNSIGNED }

    /** Sends from 127.0.0.1 as {@code news@domain}; @return the server's answer to the transaction */
    private static String send(Side side, String helo, String mailFrom, String fromDomain, String to, String subject,
                               Signing signing, String extraHeaders) throws Exception {
        String message = "From: News <news@" + fromDomain + ">\r\nTo: " + to + "\r\nSubject: " + subject
            + "\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + UUID.randomUUID() + "@" + fromDomain
            + ">\r\n" + extraHeaders + "\r\nThe original text.\r\n";
        boolean signed = signing != Signing.UNSIGNED;
        Process process = new ProcessBuilder(PYTHON, sender.toString(), "127.0.0.1", String.valueOf(side.smtpPort()),
            helo, mailFrom, to, signed ? keyFile.toString() : "", SELECTOR, fromDomain,
            signing == Signing.TAMPERED ? "tamper" : "").redirectErrorStream(true).start();
        process.getOutputStream().write(message.getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return answer;
    }

    private static String send(Side side, String domain, String to, Signing signing) throws Exception {
        return send(side, "mail." + domain, "bounce@" + domain, domain, to, "from " + domain, signing, "");
    }

    private static JsonNode received(Side side, JsonNode inbox) {
        ApiClient.Reply reply = side.api().get("/api/v0/inboxes/" + inbox.get("inbox_id").asText()
            + "/messages/latest?wait=30");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static Map<String, String> authentication(JsonNode message) {
        JsonNode authentication = message.get("authentication");
        assertThat(authentication.isObject()).as(message.toString()).isTrue();
        return Map.of("spf", authentication.get("spf").asText(), "dkim", authentication.get("dkim").asText(),
            "dmarc", authentication.get("dmarc").asText());
    }

    private static Map<String, String> results(String spf, String dkim, String dmarc) {
        return Map.of("spf", spf, "dkim", dkim, "dmarc", dmarc);
    }

    private static List<WebhookReceiver.Received> events(Side side, String type, String inboxId) {
        return side.receiver().verified(type).stream()
            .filter(event -> event.payload().get("message").get("inbox_id").asText().equals(inboxId)).toList();
    }

    @Test
    void signedMailFromAnAddressItsDomainAllowsPassesAllThreeInGetV1AndTheWebhook() throws Exception {
        String domain = domain("v=spf1 ip4:127.0.0.1 -all", "v=DMARC1; p=reject");
        JsonNode inbox = monitor.newInbox();
        assertThat(send(monitor, domain, inbox.get("email_address").asText(), Signing.SIGNED)).startsWith("250");

        JsonNode message = received(monitor, inbox);
        assertThat(authentication(message)).isEqualTo(results("pass", "pass", "pass"));
        String header = message.get("headers").get("Authentication-Results").asText();
        assertThat(header).startsWith(AUTHSERV_ID + ";").contains("smtp.mailfrom=bounce@" + domain,
            "header.d=" + domain, "header.from=" + domain);

        String inboxId = inbox.get("inbox_id").asText();
        JsonNode v1 = monitor.api().get("/api/v1/inboxes/" + inboxId + "/messages/" + message.get("message_id").asText())
            .json().get("data");
        assertThat(authentication(v1)).isEqualTo(results("pass", "pass", "pass"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !events(monitor, "message.received", inboxId).isEmpty());
        assertThat(authentication(events(monitor, "message.received", inboxId).get(0).payload().get("message")))
            .isEqualTo(results("pass", "pass", "pass"));
    }

    @Test
    void aBodyChangedAfterSigningFailsDkimWhileAlignedSpfStillPassesDmarc() throws Exception {
        String domain = domain("v=spf1 ip4:127.0.0.1 -all", "v=DMARC1; p=reject");
        JsonNode inbox = monitor.newInbox();
        assertThat(send(monitor, domain, inbox.get("email_address").asText(), Signing.TAMPERED)).startsWith("250");
        assertThat(authentication(received(monitor, inbox))).isEqualTo(results("pass", "fail", "pass"));
    }

    @Test
    void unsignedMailHasNoDkimResult() throws Exception {
        String domain = domain("v=spf1 ip4:127.0.0.1 -all", "v=DMARC1; p=none");
        JsonNode inbox = monitor.newInbox();
        assertThat(send(monitor, domain, inbox.get("email_address").asText(), Signing.UNSIGNED)).startsWith("250");
        assertThat(authentication(received(monitor, inbox))).isEqualTo(results("pass", "none", "pass"));
    }

    @Test
    void spfSoftfailsAndFailsForAClientTheDomainDoesNotName() throws Exception {
        String soft = domain("v=spf1 ip4:192.0.2.1 ~all", null);
        JsonNode softInbox = monitor.newInbox();
        assertThat(send(monitor, soft, softInbox.get("email_address").asText(), Signing.SIGNED)).startsWith("250");
        assertThat(authentication(received(monitor, softInbox))).isEqualTo(results("softfail", "pass", "none"));

        String hard = domain("v=spf1 ip4:192.0.2.1 -all", null);
        JsonNode hardInbox = monitor.newInbox();
        assertThat(send(monitor, hard, hardInbox.get("email_address").asText(), Signing.SIGNED)).startsWith("250");
        assertThat(authentication(received(monitor, hardInbox))).isEqualTo(results("fail", "pass", "none"));
    }

    @Test
    void forANullSenderSpfChecksTheHeloName() throws Exception {
        String helo = domain("v=spf1 ip4:127.0.0.1 -all", null);
        String other = domain("v=spf1 -all", null);
        JsonNode inbox = monitor.newInbox();
        assertThat(send(monitor, helo, "", other, inbox.get("email_address").asText(), "a bounce", Signing.UNSIGNED, ""))
            .startsWith("250");
        assertThat(authentication(received(monitor, inbox)).get("spf")).isEqualTo("pass");
    }

    @Test
    void aForgeryOfADomainThatSaysRejectIsDeliveredMarkedFailWhenMonitoring() throws Exception {
        String bank = domain("v=spf1 ip4:192.0.2.1 -all", "v=DMARC1; p=reject");
        String forger = domain("v=spf1 ip4:127.0.0.1 -all", null);
        JsonNode inbox = monitor.newInbox();
        // The forger's own envelope passes SPF, but for a domain unrelated to the From.
        assertThat(send(monitor, "mail." + forger, "bounce@" + forger, bank, inbox.get("email_address").asText(),
            "your account", Signing.UNSIGNED, "")).startsWith("250");
        assertThat(authentication(received(monitor, inbox))).isEqualTo(results("pass", "none", "fail"));
    }

    @Test
    void enforcingRefusesThatForgeryAt550AndTellsMessageRejected() throws Exception {
        String bank = domain("v=spf1 ip4:192.0.2.1 -all", "v=DMARC1; p=reject");
        JsonNode inbox = enforce.newInbox();
        String inboxId = inbox.get("inbox_id").asText();
        assertThat(send(enforce, bank, inbox.get("email_address").asText(), Signing.TAMPERED)).startsWith("550 5.7.1");

        await().atMost(Duration.ofSeconds(30)).until(() -> !events(enforce, "message.rejected", inboxId).isEmpty());
        JsonNode event = events(enforce, "message.rejected", inboxId).get(0).payload();
        assertThat(event.get("recipients").get(0).asText()).isEqualTo(inbox.get("email_address").asText());
        assertThat(authentication(event.get("message"))).isEqualTo(results("fail", "fail", "fail"));
        assertThat(enforce.api().get("/api/v0/inboxes/" + inboxId + "/messages").json().get("total").asInt()).isZero();
    }

    @Test
    void enforcingDeliversQuarantineWithTheLabelAndPassingMailAsUsual() throws Exception {
        String quarantined = domain("v=spf1 ip4:192.0.2.1 -all", "v=DMARC1; p=quarantine");
        JsonNode inbox = enforce.newInbox();
        assertThat(send(enforce, quarantined, inbox.get("email_address").asText(), Signing.UNSIGNED)).startsWith("250");
        JsonNode message = received(enforce, inbox);
        assertThat(authentication(message)).isEqualTo(results("fail", "none", "fail"));
        assertThat(message.get("labels").toString()).contains("quarantine");

        String honest = domain("v=spf1 ip4:127.0.0.1 -all", "v=DMARC1; p=reject");
        JsonNode other = enforce.newInbox();
        assertThat(send(enforce, honest, other.get("email_address").asText(), Signing.SIGNED)).startsWith("250");
        JsonNode passed = received(enforce, other);
        assertThat(authentication(passed)).isEqualTo(results("pass", "pass", "pass"));
        assertThat(passed.get("labels").toString()).doesNotContain("quarantine");
    }

    @Test
    void aForgedAuthenticationResultsOfOursIsReplacedAndOthersKept() throws Exception {
        String domain = domain("v=spf1 ip4:192.0.2.1 -all", "v=DMARC1; p=none");
        JsonNode inbox = monitor.newInbox();
        assertThat(send(monitor, "mail." + domain, "bounce@" + domain, domain, inbox.get("email_address").asText(), "forged",
            Signing.UNSIGNED, "Authentication-Results: " + AUTHSERV_ID.toUpperCase() + "; spf=pass; dkim=pass; dmarc=pass\r\n"
                + "Authentication-Results: relay.example; spf=pass\r\n")).startsWith("250");
        JsonNode message = received(monitor, inbox);
        assertThat(authentication(message)).isEqualTo(results("fail", "none", "fail"));
        String headers = message.get("headers").get("Authentication-Results").asText();
        assertThat(headers).contains("relay.example; spf=pass").doesNotContain(AUTHSERV_ID.toUpperCase());
    }

    @Test
    void mailBetweenOurOwnInboxesIsNotJudged() throws Exception {
        JsonNode from = monitor.newInbox();
        JsonNode to = monitor.newInbox();
        ApiClient.Reply sent = monitor.api().post("/api/v0/inboxes/" + from.get("inbox_id").asText() + "/messages/send",
            "{\"to\": \"" + to.get("email_address").asText() + "\", \"subject\": \"inside\", \"text\": \"hello\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        JsonNode message = received(monitor, to);
        assertThat(message.get("authentication").isNull()).as(message.toString()).isTrue();
        assertThat(message.get("headers").has("Authentication-Results")).isFalse();
    }

    private static boolean pythonDkimAvailable() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import dkim, smtplib").redirectErrorStream(true).start();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
