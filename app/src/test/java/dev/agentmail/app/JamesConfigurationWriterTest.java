package dev.agentmail.app;

import dev.agentmail.tls.CertificateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What RemoteDelivery is told for each way out; the relay tests send through each for real. */
class JamesConfigurationWriterTest {
    @TempDir
    Path dataDir;

    /** @return RemoteDelivery's parameters in the rendered mailetcontainer.xml */
    private Map<String, String> remoteDelivery(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("AGENTMAIL_DATA_DIR", dataDir.toString());
        Path conf = JamesConfigurationWriter.write(AgentMailSettings.fromEnvironment(all),
            new CertificateFiles(dataDir.resolve("cert.pem"), dataDir.resolve("key.pem")));
        NodeList mailets = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(conf.resolve("mailetcontainer.xml").toFile()).getElementsByTagName("mailet");
        for (int i = 0; i < mailets.getLength(); i++) {
            Element mailet = (Element) mailets.item(i);
            if (mailet.getAttribute("class").equals("RemoteDelivery")) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (Node child = mailet.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element element) {
                        parameters.put(element.getTagName(), element.getTextContent());
                    }
                }
                return parameters;
            }
        }
        throw new AssertionError("no RemoteDelivery in mailetcontainer.xml");
    }

    @Test
    void byMxLookupStartTlsIsUsedWheneverOffered() throws Exception {
        Map<String, String> parameters = remoteDelivery(Map.of());

        assertThat(parameters).containsEntry("startTLS", "true").containsEntry("mail.smtp.ssl.trust", "*")
            .doesNotContainKeys("gateway", "gatewayUsername", "gatewayPassword", "mail.smtp.starttls.required");
    }

    @Test
    void aRelayGetsRequiredStartTlsByDefaultWithItsCertificateChecked() throws Exception {
        Map<String, String> parameters = remoteDelivery(Map.of("AGENTMAIL_SMTP_RELAY", "smtp.example.net:587",
            "AGENTMAIL_SMTP_RELAY_USER", "agents@example.net", "AGENTMAIL_SMTP_RELAY_PASSWORD", "p<&>\"w"));

        assertThat(parameters).containsEntry("gateway", "smtp.example.net:587")
            .containsEntry("gatewayUsername", "agents@example.net").containsEntry("gatewayPassword", "p<&>\"w")
            .containsEntry("startTLS", "true").containsEntry("mail.smtp.starttls.required", "true")
            .containsEntry("verifyServerIdentity", "true").containsEntry("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2")
            .doesNotContainKeys("sslEnable", "mail.smtp.ssl.trust");
        assertThat(parameters.get("mail.smtp.ssl.ciphersuites")).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
            .doesNotContain("CBC");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
            dataDir.resolve("conf/mailetcontainer.xml")))).as("it holds the password").isEqualTo("rw-------");
    }

    @Test
    void implicitTlsAndNoTlsAtAll() throws Exception {
        assertThat(remoteDelivery(Map.of("AGENTMAIL_SMTP_RELAY", "smtp.example.net:465",
            "AGENTMAIL_SMTP_RELAY_TLS", "implicit")))
            .containsEntry("sslEnable", "true").containsEntry("verifyServerIdentity", "true")
            .containsEntry("mail.smtps.ssl.protocols", "TLSv1.3 TLSv1.2")
            .doesNotContainKeys("startTLS", "gatewayUsername", "mail.smtp.ssl.trust");
        assertThat(remoteDelivery(Map.of("AGENTMAIL_SMTP_RELAY", "127.0.0.1:25", "AGENTMAIL_SMTP_RELAY_TLS", "none")))
            .containsEntry("gateway", "127.0.0.1:25")
            .doesNotContainKeys("startTLS", "sslEnable", "mail.smtp.ssl.trust", "mail.smtp.starttls.required");
    }
}
