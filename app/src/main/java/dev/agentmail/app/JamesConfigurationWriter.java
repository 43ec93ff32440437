package dev.agentmail.app;

import dev.agentmail.tls.CertificateFiles;
import dev.agentmail.tls.TlsPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
            writeOwnerOnly(confDir.resolve(file), render(read(file), values));
        }
        return confDir;
    }

    /** mailetcontainer.xml can hold the relay's password: no other local user may read what we render. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, ownerOnly);
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static Map<String, String> values(JamesSettings james, TlsSettings tls, LimitsSettings limits,
                                      StorageProfile<?> storage, CertificateFiles certificate) {
        return Map.ofEntries(
            Map.entry("agentmail.tls.starttls.xml", tlsXml(certificate, false)),
            Map.entry("agentmail.tls.implicit.xml", tlsXml(certificate, true)),
            Map.entry("agentmail.submissions.port", String.valueOf(tls.submissionsPort())),
            Map.entry("agentmail.imaps.port", String.valueOf(tls.imapsPort())),
            Map.entry("agentmail.remote.delivery.xml", remoteDeliveryXml(james.relay())),
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

    /**
     * RemoteDelivery's parameters for where mail goes and how it is protected. By MX lookup: STARTTLS whenever the MX
     * offers it, opportunistically (RFC 7435), as MTAs do: MX certificates are often self-signed or for another name,
     * and JavaMail cannot fall back to clear text after a failed check, so refusing them would lose the mail. Through
     * a relay, which takes our password: its certificate and name are checked, TLS as AGENTMAIL_SMTP_RELAY_TLS says,
     * with the listeners' protocol floor; STARTTLS is required, never skipped.
     */
    static String remoteDeliveryXml(Optional<RelaySettings> relay) {
        if (relay.isEmpty()) {
            return "<!-- no relay: delivery by MX lookup, STARTTLS whenever the MX offers it -->"
                + element("startTLS", "true") + element("verifyServerIdentity", "false")
                + element("mail.smtp.ssl.trust", "*");
        }
        RelaySettings settings = relay.get();
        StringBuilder xml = new StringBuilder(element("gateway",
            settings.address().getHostString() + ":" + settings.address().getPort()));
        settings.user().ifPresent(user -> xml.append(element("gatewayUsername", user)));
        settings.password().ifPresent(password -> xml.append(element("gatewayPassword", password.value())));
        switch (settings.tls()) {
            case STARTTLS -> xml.append(element("startTLS", "true"))
                .append(element("mail.smtp.starttls.required", "true")).append(verifiedTls("smtp"));
            case IMPLICIT -> xml.append(element("sslEnable", "true")).append(verifiedTls("smtps"));
            case NONE -> xml.append("<!-- no TLS to the relay -->");
        }
        return xml.toString();
    }

    /** @param protocol JavaMail's name for the session: smtp (then STARTTLS), or smtps (implicit TLS) */
    private static String verifiedTls(String protocol) {
        return element("verifyServerIdentity", "true")
            + element("mail." + protocol + ".ssl.protocols", String.join(" ", TlsPolicy.PROTOCOLS))
            + element("mail." + protocol + ".ssl.ciphersuites", String.join(" ", TlsPolicy.CIPHER_SUITES));
    }

    private static String element(String name, String value) {
        return "<" + name + ">" + escapeXml(value) + "</" + name + ">";
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
