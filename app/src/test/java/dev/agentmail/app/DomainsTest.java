package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.james.LoopbackDnsServer;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.MappingSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Custom domains as a new user meets them: add a domain, publish its records on a real DNS server on loopback,
 * verify, create an inbox on it, send; the outside world (GreenMail behind AGENTMAIL_SMTP_RELAY) receives mail whose
 * DKIM signature an independent verifier (Debian's python3-dkim) accepts against the published TXT record.
 */
class DomainsTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static LoopbackDnsServer dns;
    private static GreenMail outside;
    private static TestServers.RunningServer server;
    private static ApiClient api;
    private static final List<Domain> verifiedEvents = new CopyOnWriteArrayList<>();
    private static Path verifierScript;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        dns = new LoopbackDnsServer();
        outside = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        outside.start();
        Path dataDir = Files.createTempDirectory("agentmail-domains");
        // The platform's own key, as an operator would give it: a PEM file, published under the same selector.
        KeyPair platformKey = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path pem = dataDir.resolve("platform-dkim.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(platformKey.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
        dns.addTxt("dkim._domainkey.agentmail.localhost",
            "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(platformKey.getPublic().getEncoded()));
        server = TestServers.start(dataDir, Map.of(
            "AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY,
            "AGENTMAIL_DNS_SERVER", "127.0.0.1:" + dns.address().getPort(),
            "AGENTMAIL_SMTP_RELAY", "127.0.0.1:" + outside.getSmtp().getPort(),
            "AGENTMAIL_SMTP_RELAY_TLS", "none",
            "AGENTMAIL_MX_HOST", "mx.agentmail.localhost",
            "AGENTMAIL_DMARC_RUA", "dmarc@agentmail.localhost",
            "AGENTMAIL_DKIM_KEY", pem.toString(),
            "AGENTMAIL_DOMAIN_CHECK_SECONDS", "1",
            "AGENTMAIL_DOMAIN_LIMIT", "100"));
        api = server.api(TestServers.BOOTSTRAP_KEY);
        server.server().instance(DomainEvents.class).subscribe(verifiedEvents::add);
        receiver = new WebhookReceiver();
        WebhooksTest.subscribe(api, receiver,
            "{\"url\":\"RECEIVER\",\"event_types\":[\"domain.verified\",\"message.complained\"]}");
        verifierScript = dataDir.resolve("dkim-verify.py");
        try (InputStream in = DomainsTest.class.getResourceAsStream("/dkim-verify.py")) {
            Files.write(verifierScript, in.readAllBytes());
        }
    }

    @AfterAll
    static void stop() {
        receiver.close();
        server.close();
        outside.stop();
        dns.close();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    private static JsonNode addDomain(ApiClient client, String name) {
        ApiClient.Reply reply = client.post("/api/v0/domains", "{\"domain\": \"" + name + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static List<String> statuses(JsonNode domain) {
        List<String> statuses = new ArrayList<>();
        domain.get("records").forEach(record -> statuses.add(record.get("status").asText()));
        return statuses;
    }

    /** Publishes what the API asked for, record by record, as a user would at a DNS provider. */
    private static void publish(JsonNode domain) {
        for (JsonNode record : domain.get("records")) {
            String name = record.get("name").asText();
            dns.remove(name);
        }
        for (JsonNode record : domain.get("records")) {
            if (record.get("type").asText().equals("MX")) {
                dns.addMx(record.get("name").asText(), record.get("priority").asInt(), record.get("value").asText());
            } else {
                dns.addTxt(record.get("name").asText(), record.get("value").asText());
            }
        }
    }

    private static MimeMessage awaitOutside(String subject) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find(subject) != null);
        return find(subject);
    }

    private static MimeMessage find(String subject) {
        for (MimeMessage message : outside.getReceivedMessages()) {
            try {
                if (subject.equals(message.getSubject())) {
                    return message;
                }
            } catch (javax.mail.MessagingException ignored) {
                // not this one
            }
        }
        return null;
    }

    /** Runs the independent verifier; @return its verdict, "pass" or "fail" */
    private static String dkimVerdict(MimeMessage message) throws Exception {
        assumeTrue(pythonDkimAvailable(), PYTHON + " with python3-dkim and python3-dnspython is needed for the "
            + "independent DKIM check: apt-get install python3-dkim python3-dnspython (CI installs them)");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        Process process = new ProcessBuilder(PYTHON, verifierScript.toString(), String.valueOf(dns.address().getPort()))
            .redirectErrorStream(true).start();
        process.getOutputStream().write(raw.toByteArray());
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static boolean pythonDkimAvailable() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import dkim, dns.query").redirectErrorStream(true).start();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aNewUsersWholeWayAddPublishVerifyCreateAnInboxSendAndTheSignatureVerifies() throws Exception {
        String name = unique("flow-");
        JsonNode added = addDomain(api, name.toUpperCase());
        String id = added.get("domain_id").asText();
        assertThat(id).isEqualTo(name);
        assertThat(added.get("status").asText()).isEqualTo("PENDING");
        assertThat(added.get("feedback_enabled").asBoolean()).isTrue();
        assertThat(statuses(added)).containsExactly("MISSING", "MISSING", "MISSING", "MISSING");
        JsonNode records = added.get("records");
        assertThat(records.get(0).get("type").asText()).isEqualTo("MX");
        assertThat(records.get(0).get("value").asText()).isEqualTo("mx.agentmail.localhost");
        assertThat(records.get(0).get("priority").asInt()).isEqualTo(10);
        assertThat(records.get(1).get("value").asText()).isEqualTo("v=spf1 include:_spf.agentmail.localhost ~all");
        assertThat(records.get(1).get("priority").isNull()).isTrue();
        assertThat(records.get(2).get("name").asText()).isEqualTo("dkim._domainkey." + name);
        assertThat(records.get(2).get("value").asText()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
        assertThat(records.get(3).get("name").asText()).isEqualTo("_dmarc." + name);
        assertThat(records.get(3).get("value").asText()).isEqualTo("v=DMARC1; p=none; rua=mailto:dmarc@agentmail.localhost");
        String privateKey = server.server().instance(DomainRepository.class).find(name).orElseThrow().dkimKey().privateKey();
        assertThat(api.get("/api/v0/domains/" + id).body()).isEqualTo(api.get("/api/v0/domains/" + name).body())
            .doesNotContain(privateKey.substring(0, 40));

        // Nothing published yet.
        assertThat(statuses(api.post("/api/v0/domains/" + id + "/verify", "").json()))
            .containsExactly("MISSING", "MISSING", "MISSING", "MISSING");

        // Published, but wrong.
        dns.addMx(name, 10, "mx.elsewhere.example");
        dns.addTxt(name, "v=spf1 include:_spf.elsewhere.example ~all");
        dns.addTxt("dkim._domainkey." + name, "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwrong");
        dns.addTxt("_dmarc." + name, "v=spf1 -all");
        JsonNode wrong = api.post("/api/v0/domains/" + id + "/verify", "").json();
        assertThat(statuses(wrong)).containsExactly("INVALID", "INVALID", "INVALID", "INVALID");
        assertThat(wrong.get("status").asText()).isEqualTo("PENDING");

        // An inbox may already receive, but not send.
        JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\": \"agent\", \"domain\": \"" + name + "\"}").json();
        assertThat(inbox.get("email_address").asText()).isEqualTo("agent@" + name);
        String inboxPath = "/api/v0/inboxes/" + inbox.get("inbox_id").asText();
        ApiClient.Reply refused = api.post(inboxPath + "/messages/send",
            "{\"to\": \"bob@remote.example\", \"subject\": \"Too early\", \"text\": \"x\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(refused.json().get("message").asText()).contains("not verified");

        // Published right.
        publish(added);
        JsonNode verified = api.post("/api/v0/domains/" + id + "/verify", "").json();
        assertThat(statuses(verified)).containsExactly("VALID", "VALID", "VALID", "VALID");
        assertThat(verified.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(api.get("/api/v0/domains/" + id).json().get("status").asText()).isEqualTo("VERIFIED");
        assertThat(verifiedEvents).filteredOn(domain -> domain.name().equals(name)).hasSize(1)
            .allSatisfy(domain -> assertThat(domain.verified()).isTrue());
        assertThat(api.post("/api/v0/domains/" + id + "/verify", "").json().get("status").asText()).isEqualTo("VERIFIED");
        assertThat(verifiedEvents).filteredOn(domain -> domain.name().equals(name)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> verifiedHooks(name).size() == 1);
        JsonNode told = verifiedHooks(name).get(0);
        assertThat(told.get("event_id").asText()).startsWith("evt_");
        assertThat(told.get("domain").get("status").asText()).isEqualTo("VERIFIED");
        assertThat(told.get("domain")).isEqualTo(api.get("/api/v0/domains/" + id).json());

        // Sent through the API: signed with the domain's key, and the verifier agrees.
        String subject = "Signed hello " + UUID.randomUUID();
        ApiClient.Reply sent = api.post(inboxPath + "/messages/send", """
            {"to": "bob@remote.example", "subject": "%s", "text": "Grüße aus der Domäne: ünïcödé in the body.",
             "html": "<p>Grüße</p>"}""".formatted(subject));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        MimeMessage received = awaitOutside(subject);
        assertThat(received.getHeader("DKIM-Signature", null)).contains("d=" + name, "s=dkim", "c=relaxed/relaxed");
        assertThat(dkimVerdict(received)).isEqualTo("pass");

        // Sent by an SMTP client on the submission port: signed in the pipeline all the same.
        String smtpSubject = "From a mail program " + UUID.randomUUID();
        AuthenticatingSMTPClient client = MailClients.submission(server.config().submissionPort(), "agent@" + name,
            TestServers.BOOTSTRAP_KEY);
        try {
            assertThat(MailClients.send(client, "agent@" + name, "carol@remote.example", smtpSubject)).isTrue();
        } finally {
            client.disconnect();
        }
        MimeMessage fromSmtp = awaitOutside(smtpSubject);
        assertThat(fromSmtp.getHeader("DKIM-Signature", null)).contains("d=" + name);
        assertThat(dkimVerdict(fromSmtp)).isEqualTo("pass");

        // Tampering in transit is caught by the same verifier.
        MimeMessage tampered = new MimeMessage(received);
        tampered.setSubject("Changed on the way");
        tampered.saveChanges();
        assertThat(dkimVerdict(tampered)).isEqualTo("fail");
    }

    private static List<JsonNode> verifiedHooks(String name) {
        return receiver.verified("domain.verified").stream().map(WebhookReceiver.Received::payload)
            .filter(payload -> payload.get("domain").get("domain_id").asText().equals(name)).toList();
    }

    @Test
    void complaintsAboutMailOfADomainWithFeedbackDisabledAreNotTold() throws Exception {
        List<String> complainedAbout = new ArrayList<>();
        for (boolean feedback : new boolean[] {false, true}) {
            String name = unique("feedback-" + feedback + "-");
            ApiClient.Reply added = api.post("/api/v0/domains",
                "{\"domain\": \"" + name + "\", \"feedback_enabled\": " + feedback + "}");
            assertThat(added.json().get("feedback_enabled").asBoolean()).isEqualTo(feedback);
            publish(added.json());
            assertThat(api.post("/api/v0/domains/" + name + "/verify", "").json().get("status").asText()).isEqualTo("VERIFIED");
            JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\": \"news\", \"domain\": \"" + name + "\"}").json();
            String inboxPath = "/api/v0/inboxes/" + inbox.get("inbox_id").asText();
            String messageId = api.post(inboxPath + "/messages/send",
                "{\"to\": \"annoyed@example.com\", \"subject\": \"News\", \"text\": \"x\"}").json().get("message_id").asText();
            complainedAbout.add(messageId);
            String rfcId = api.get(inboxPath + "/messages/" + messageId).json().get("headers").get("Message-ID").asText();
            DeliveryEventsTest.deliverRaw(server.config().smtpPort(), inbox.get("email_address").asText(),
                DeliveryEventsTest.abuseReport(inbox.get("email_address").asText(), rfcId));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> complained(complainedAbout.get(1)));
        assertThat(complained(complainedAbout.get(0))).as("feedback disabled").isFalse();
    }

    private static boolean complained(String messageId) {
        return receiver.verified("message.complained").stream()
            .anyMatch(received -> received.payload().get("message").get("message_id").asText().equals(messageId));
    }

    @Test
    void mailFromThePlatformDomainIsSignedWithThePlatformKey() throws Exception {
        String inboxId = api.post("/api/v0/inboxes", "{\"username\": \"platform-" + UUID.randomUUID().toString().substring(0, 8)
            + "\"}").json().get("inbox_id").asText();
        String subject = "Platform mail " + UUID.randomUUID();
        assertThat(api.post("/api/v0/inboxes/" + inboxId + "/messages/send",
            "{\"to\": \"bob@remote.example\", \"subject\": \"" + subject + "\", \"text\": \"hi\"}").status()).isEqualTo(200);

        MimeMessage received = awaitOutside(subject);
        assertThat(received.getHeader("DKIM-Signature", null)).contains("d=agentmail.localhost", "s=dkim");
        assertThat(dkimVerdict(received)).isEqualTo("pass");
    }

    /** Signing it would vouch, with our key, for an author nobody authenticated: a DMARC pass for a forgery. */
    @Test
    void outsideMailForwardedOnIsLeftUnsignedEvenWhenItClaimsThePlatformDomain() throws Exception {
        String address = api.post("/api/v0/inboxes", "{\"username\": \"forwards-" + UUID.randomUUID().toString()
            .substring(0, 8) + "\"}").json().get("email_address").asText();
        server.server().instance(RecipientRewriteTable.class)
            .addForwardMapping(MappingSource.fromUser(Username.of(address)), "bob@remote.example");
        String subject = "Forwarded forgery " + UUID.randomUUID();

        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        try {
            assertThat(MailClients.send(smtp, "ceo@agentmail.localhost", address, subject)).isTrue();
        } finally {
            smtp.disconnect();
        }

        MimeMessage forwarded = awaitOutside(subject);
        assertThat(forwarded.getHeader("From", null)).isEqualTo("ceo@agentmail.localhost");
        assertThat(forwarded.getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void inboundMailForAnInboxOnACustomDomainArrives() throws Exception {
        String name = unique("inbound-");
        addDomain(api, name);
        String inboxId = api.post("/api/v0/inboxes", "{\"username\": \"support\", \"domain\": \"" + name + "\"}").json()
            .get("inbox_id").asText();

        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        try {
            assertThat(MailClients.send(smtp, "alice@outside.example", "support@" + name, "Hello custom domain")).isTrue();
            assertThat(smtp.addRecipient("nobody@" + name)).as("unknown user of the domain").isFalse();
        } finally {
            smtp.disconnect();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
            api.get("/api/v0/inboxes/" + inboxId + "/messages").json().get("total").asInt() == 1);
        assertThat(api.get("/api/v0/inboxes/" + inboxId + "/messages").json().get("data").get(0).get("subject").asText())
            .isEqualTo("Hello custom domain");
    }

    @Test
    void theSubmissionPortRefusesSendersOfADomainNotVerifiedYet() throws Exception {
        String name = unique("early-");
        addDomain(api, name);
        api.post("/api/v0/inboxes", "{\"username\": \"agent\", \"domain\": \"" + name + "\"}");

        AuthenticatingSMTPClient client = MailClients.submission(server.config().submissionPort(), "agent@" + name,
            TestServers.BOOTSTRAP_KEY);
        try {
            assertThat(client.setSender("agent@" + name)).isFalse();
            assertThat(client.getReplyString()).startsWith("550").contains("not verified");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void pendingDomainsAreVerifiedInTheBackground() {
        String name = unique("background-");
        JsonNode domain = addDomain(api, name);
        publish(domain);

        await().atMost(Duration.ofSeconds(20)).until(() ->
            api.get("/api/v0/domains/" + name).json().get("status").asText().equals("VERIFIED"));
        assertThat(statuses(api.get("/api/v0/domains/" + name).json())).containsOnly("VALID");
        await().atMost(Duration.ofSeconds(5)).until(() ->
            verifiedEvents.stream().filter(verified -> verified.name().equals(name)).count() == 1);
    }

    @Test
    void anotherOrganizationCannotSeeUseOrTakeTheDomain() {
        String name = unique("mine-");
        addDomain(api, name);
        ApiClient other = api.withKey(TestServers.newOrganization(server, "Other " + UUID.randomUUID()));

        assertThat(other.get("/api/v0/domains/" + name).status()).isEqualTo(404);
        assertThat(other.post("/api/v0/domains/" + name + "/verify", "").status()).isEqualTo(404);
        assertThat(other.delete("/api/v0/domains/" + name).status()).isEqualTo(404);
        assertThat(other.get("/api/v0/domains").json().get("total").asInt()).isZero();
        ApiClient.Reply taken = other.post("/api/v0/domains", "{\"domain\": \"" + name + "\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("error").asText()).isEqualTo("conflict");
        ApiClient.Reply inbox = other.post("/api/v0/inboxes", "{\"username\": \"intruder\", \"domain\": \"" + name + "\"}");
        assertThat(inbox.status()).isEqualTo(404);
        assertThat(api.get("/api/v0/domains/" + name).status()).isEqualTo(200);
    }

    @Test
    void aDomainWithInboxesIsKeptUntilTheyAreDeletedThenItsMailIsRefused() throws Exception {
        String name = unique("gone-");
        addDomain(api, name);
        String inboxId = api.post("/api/v0/inboxes", "{\"username\": \"agent\", \"domain\": \"" + name + "\"}").json()
            .get("inbox_id").asText();

        ApiClient.Reply inUse = api.delete("/api/v0/domains/" + name);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).contains("inbox");

        assertThat(api.delete("/api/v0/inboxes/" + inboxId).status()).isEqualTo(204);
        assertThat(api.delete("/api/v0/domains/" + name).status()).isEqualTo(204);
        assertThat(api.get("/api/v0/domains/" + name).status()).isEqualTo(404);
        assertThat(api.delete("/api/v0/domains/" + name).status()).isEqualTo(404);
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        try {
            assertThat(smtp.setSender("alice@outside.example")).isTrue();
            assertThat(smtp.addRecipient("agent@" + name)).as("no longer a domain of this server").isFalse();
        } finally {
            smtp.disconnect();
        }
        // The name is free again.
        assertThat(api.post("/api/v0/domains", "{\"domain\": \"" + name + "\"}").status()).isEqualTo(201);
    }

    @Test
    void domainsAreListedNewestFirstWithPagesAndCountedInTheOrganization() {
        ApiClient fresh = api.withKey(TestServers.newOrganization(server, "Lister " + UUID.randomUUID()));
        String first = unique("first-");
        String second = unique("second-");
        addDomain(fresh, first);
        addDomain(fresh, second);

        JsonNode page = fresh.get("/api/v0/domains?page=1&page_size=1").json();
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("page_size").asInt()).isEqualTo(1);
        assertThat(page.get("data").get(0).get("domain_id").asText()).isEqualTo(second);
        assertThat(fresh.get("/api/v0/domains?page=2&page_size=1").json().get("data").get(0).get("domain_id").asText())
            .isEqualTo(first);
        assertThat(fresh.get("/api/v0/domains?page_size=101").status()).isEqualTo(400);
        assertThat(fresh.get("/api/v0/organizations").json().toString()).contains("\"domain_count\":2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"domain\": \"exa mple.com\"}", "{\"domain\": \"example.com\\r\\nBcc: x@y.z\"}",
        "{\"domain\": \"-bad.example\"}", "{\"domain\": \"xn--zz.example\"}", "{\"domain\": \"localhost\"}",
        "{\"domain\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example\"}", "{\"domain\": 42}",
        "{\"domain\": null}", "{}", "{\"domain\": \"ok.example\", \"feedback_enabled\": \"yes\"}",
        "{\"domain\": \"ok.example\", \"dkim_private_key\": \"x\"}"})
    void badInputIsA400NamingTheField(String body) {
        ApiClient.Reply reply = api.post("/api/v0/domains", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(reply.json().has("field")).isTrue();
    }

    @Test
    void thePlatformDomainCannotBeAddedAndIdnsAreStoredAsALabels() {
        assertThat(api.post("/api/v0/domains", "{\"domain\": \"agentmail.localhost\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/v0/domains", "{\"domain\": \"AgentMail.localhost\"}").status()).isEqualTo(409);

        String unicode = "bücher-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        JsonNode domain = addDomain(api, unicode);
        assertThat(domain.get("domain_id").asText()).startsWith("xn--").endsWith(".example");
        JsonNode off = api.post("/api/v0/domains", "{\"domain\": \"" + unique("quiet-") + "\", \"feedback_enabled\": false}")
            .json();
        assertThat(off.get("feedback_enabled").asBoolean()).isFalse();
        assertThat(api.get("/api/v0/domains/" + unicode).json().get("domain_id").asText())
            .isEqualTo(domain.get("domain_id").asText());
    }
}
