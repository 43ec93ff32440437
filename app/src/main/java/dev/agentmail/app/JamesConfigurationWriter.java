package dev.agentmail.app;

import dev.agentmail.tls.CertificateFiles;
import dev.agentmail.tls.TlsPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the James configuration templates shipped in james-conf/ into the data dir, filling in the
 * {@code ${agentmail.*}} placeholders, so that one set of files serves every deployment's ports and domain.
 */
public final class JamesConfigurationWriter {
    static final List<String> FILES = List.of("smtpserver.xml", "imapserver.xml", "mailetcontainer.xml",
        "domainlist.xml", "usersrepository.xml", "webadmin.properties", "dnsservice.xml",
        "mailrepositorystore.xml", "recipientrewritetable.xml", "listeners.xml", "healthcheck.properties");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(agentmail\\.[a-z.]+)}");

    private JamesConfigurationWriter() {
    }

    /** @return the directory James reads its configuration from */
    static Path write(AgentMailSettings settings, CertificateFiles certificate) throws IOException {
        Path confDir = Files.createDirectories(settings.dataDir().resolve("conf"));
        Map<String, String> values = values(settings.james(), settings.tls(), settings.limits(), settings.storage(),
            certificate);
        for (String file : FILES) {
            Files.writeString(confDir.resolve(file), render(read(file), values), StandardCharsets.UTF_8);
        }
        return confDir;
    }

    static Map<String, String> values(JamesSettings james, TlsSettings tls, LimitsSettings limits,
                                      StorageProfile<?> storage, CertificateFiles certificate) {
        return Map.ofEntries(
            Map.entry("agentmail.tls.starttls.xml", tlsXml(certificate, false)),
            Map.entry("agentmail.tls.implicit.xml", tlsXml(certificate, true)),
            Map.entry("agentmail.submissions.port", String.valueOf(tls.submissionsPort())),
            Map.entry("agentmail.imaps.port", String.valueOf(tls.imapsPort())),
            Map.entry("agentmail.relay.xml", james.smtpRelay()
                .map(relay -> "<gateway>" + relay.getHostString() + ":" + relay.getPort() + "</gateway>")
                .orElse("<!-- no relay: delivery by MX lookup -->")),
            Map.entry("agentmail.bind", james.bind()),
            Map.entry("agentmail.domain", james.domain()),
            Map.entry("agentmail.smtp.port", String.valueOf(james.smtpPort())),
            Map.entry("agentmail.submission.port", String.valueOf(james.submissionPort())),
            Map.entry("agentmail.imap.port", String.valueOf(james.imapPort())),
            Map.entry("agentmail.admin.bind", james.adminBind()),
            Map.entry("agentmail.admin.port", String.valueOf(james.adminPort())),
            Map.entry("agentmail.connection.limit", String.valueOf(limits.connections())),
            Map.entry("agentmail.connection.limit.per.ip", String.valueOf(limits.connectionsPerIp())),
            Map.entry("agentmail.max.recipients", String.valueOf(limits.recipientsPerMessage())),
            Map.entry("agentmail.max.messages.per.connection", String.valueOf(limits.messagesPerConnection())),
            Map.entry("agentmail.max.message.kb", String.valueOf(Math.max(1, james.maxMessageBytes() / 1024))),
            Map.entry("agentmail.mail.repository", storage.mailRepositoryProtocol()),
            Map.entry("agentmail.mail.repository.class", storage.mailRepositoryClass()));
    }

    /** James's {@code <tls>} element: the certificate as PEM files, and {@link TlsPolicy}'s floor. */
    static String tlsXml(CertificateFiles certificate, boolean implicit) {
        StringBuilder xml = new StringBuilder("<tls socketTLS=\"" + implicit + "\" startTLS=\"" + !implicit + "\">")
            .append("<privateKey>").append(escapeXml("file://" + certificate.key())).append("</privateKey>")
            .append("<certificates>").append(escapeXml("file://" + certificate.chain())).append("</certificates>")
            .append("<supportedProtocols>");
        TlsPolicy.PROTOCOLS.forEach(protocol -> xml.append("<protocol>").append(protocol).append("</protocol>"));
        xml.append("</supportedProtocols><supportedCipherSuites>");
        TlsPolicy.CIPHER_SUITES.forEach(suite -> xml.append("<cipherSuite>").append(suite).append("</cipherSuite>"));
        return xml.append("</supportedCipherSuites></tls>").toString();
    }

    static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for placeholder ${" + matcher.group(1) + "}");
            }
            // Values come from the environment and are escaped; '.xml' ones are fragments we build ourselves.
            String rendered = matcher.group(1).endsWith(".xml") ? value : escapeXml(value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(rendered));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Keeps environment values from changing the structure of the XML. */
    private static String escapeXml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String read(String file) throws IOException {
        try (InputStream in = JamesConfigurationWriter.class.getResourceAsStream("/james-conf/" + file)) {
            if (in == null) {
                throw new IOException("james-conf/" + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
