package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.agentmail.james.LoopbackDnsServer;
import dev.agentmail.tls.CertificateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without a relay, mail leaves by MX lookup through the resolver in AGENTMAIL_DNS_SERVER: a real DNS server on
 * loopback names the MX, a real SMTP server on loopback port 25 receives, over STARTTLS when it offers it. Needs
 * port 25 (root, and free).
 */
class MxDeliveryTest {
    @Test
    void mailToAnotherDomainGoesToItsMxFoundThroughTheConfiguredResolver(@TempDir Path dataDir) throws Exception {
        assumeTrue(port25IsFree(), "port 25 cannot be bound here (needs root and a free port)");
        GreenMail mx = new GreenMail(new ServerSetup(25, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mx.start();
        try (LoopbackDnsServer dns = new LoopbackDnsServer()
            .add(new MXRecord(Name.fromString("remote.test."), DClass.IN, 60, 10, Name.fromString("mx.remote.test.")))
            .add(new ARecord(Name.fromString("mx.remote.test."), DClass.IN, 60, InetAddress.getByName("127.0.0.1")))) {
            try (TestServers.RunningServer server = TestServers.start(dataDir, Map.of(
                "AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY,
                "AGENTMAIL_DNS_SERVER", "127.0.0.1:" + dns.address().getPort()))) {
                ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
                String inboxId = api.post("/api/v0/inboxes", "{\"username\":\"mx-sender\"}").json().get("inbox_id").asText();
                WebhookReceiver receiver = new WebhookReceiver();
                WebhooksTest.subscribe(api, receiver,
                    "{\"url\":\"RECEIVER\",\"event_types\":[\"message.delivered\",\"message.bounced\"]}");

                ApiClient.Reply sent = api.post("/api/v0/inboxes/" + inboxId + "/messages/send",
                    "{\"to\": \"bob@remote.test\", \"subject\": \"Via MX\", \"text\": \"Found you in DNS.\"}");
                assertThat(sent.status()).as(sent.body()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(30)).until(() -> mx.getReceivedMessages().length == 1);
                assertThat(mx.getReceivedMessages()[0].getSubject()).isEqualTo("Via MX");
                assertThat(mx.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("bob@remote.test");
                await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.verified("message.delivered").isEmpty());
                JsonNode delivered = receiver.verified("message.delivered").get(0).payload();
                assertThat(delivered.get("recipients").get(0).asText()).isEqualTo("bob@remote.test");
                assertThat(delivered.get("message").get("subject").asText()).isEqualTo("Via MX");

                // A domain the resolver does not know: a permanent failure, whose DSN comes back as message.bounced.
                ApiClient.Reply doomed = api.post("/api/v0/inboxes/" + inboxId + "/messages/send",
                    "{\"to\": \"nobody@nowhere.test\", \"subject\": \"Into the void\", \"text\": \"Hello?\"}");
                assertThat(doomed.status()).as(doomed.body()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.verified("message.bounced").isEmpty());
                JsonNode bounced = receiver.verified("message.bounced").get(0).payload();
                assertThat(bounced.get("recipients").get(0).asText()).isEqualTo("nobody@nowhere.test");
                assertThat(bounced.get("message").get("message_id").asText())
                    .isEqualTo(doomed.json().get("message_id").asText());
                receiver.close();
            }
        } finally {
            mx.stop();
        }
    }

    /** The MX's certificate is from a CA the server has never heard of, as many are: encrypted all the same. */
    @Test
    void mailToAnMxThatOffersStartTlsGoesEncrypted(@TempDir Path dataDir) throws Exception {
        assumeTrue(port25IsFree(), "port 25 cannot be bound here (needs root and a free port)");
        assumeTrue(AiosmtpdServer.available(), "/usr/bin/python3 with python3-aiosmtpd is needed for the MX: "
            + "apt-get install python3-aiosmtpd (./agentmail test installs it)");
        CertificateFiles selfSigned = ThrowawayCa.create(dataDir).issue("mx");
        try (AiosmtpdServer mx = AiosmtpdServer.start(dataDir, 25, AiosmtpdServer.Mode.OFFER, selfSigned, Optional.empty());
             LoopbackDnsServer dns = new LoopbackDnsServer()
                 .add(new MXRecord(Name.fromString("tls.test."), DClass.IN, 60, 10, Name.fromString("mx.tls.test.")))
                 .add(new ARecord(Name.fromString("mx.tls.test."), DClass.IN, 60, InetAddress.getByName("127.0.0.1")));
             TestServers.RunningServer server = TestServers.start(Files.createDirectories(dataDir.resolve("server")), Map.of(
                 "AGENTMAIL_BOOTSTRAP_KEY", TestServers.BOOTSTRAP_KEY,
                 "AGENTMAIL_DNS_SERVER", "127.0.0.1:" + dns.address().getPort()))) {
            ApiClient api = server.api(TestServers.BOOTSTRAP_KEY);
            String inboxId = api.post("/api/v0/inboxes", "{\"username\":\"tls-sender\"}").json().get("inbox_id").asText();

            ApiClient.Reply sent = api.post("/api/v0/inboxes/" + inboxId + "/messages/send",
                "{\"to\": \"carol@tls.test\", \"subject\": \"Encrypted on the way\", \"text\": \"hi\"}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);

            AiosmtpdServer.Received received = mx.awaitReceived(1).get(0);
            assertThat(received.raw()).contains("Subject: Encrypted on the way");
            assertThat(received.recipients()).containsExactly("carol@tls.test");
            assertThat(received.tls()).isIn("TLSv1.2", "TLSv1.3");
        }
    }

    private static boolean port25IsFree() {
        try (ServerSocket socket = new ServerSocket(25, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
