package dev.agentmail.app;

import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.PlatformSettings;
import dev.agentmail.domain.service.RetrySchedule;
import dev.agentmail.mailets.inbound.InboundDmarc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What an operator sets per deployment, read once from the {@code AGENTMAIL_*} environment variables through
 * {@link EnvironmentSettings}, as one small settings record per module. Everything James-specific beyond these
 * lives in the James configuration templates (james-conf/).
 */
record AgentMailSettings(Path dataDir, StorageProfile<?> storage, JamesSettings james, ApiServerSettings api,
                         PlatformSettings platform, DomainSettings domains, BootstrapSettings bootstrap,
                         DnsSettings dns, HousekeepingSettings housekeeping, RetrySchedule webhookRetries,
                         TlsSettings tls, LimitsSettings limits,
                         InboundMailSettings inbound, SecretsSettings secrets, BackupSettings backup,
                         boolean attachmentText) {

    AgentMailSettings {
        if (limits.adminToken().isEmpty() && !isLoopback(james.adminBind())) {
            throw new IllegalArgumentException("AGENTMAIL_ADMIN_BIND is " + james.adminBind() + ", not a loopback address, and "
                + "AGENTMAIL_ADMIN_TOKEN is not set: anyone who reaches WebAdmin could create organizations and API keys. "
                + "Set AGENTMAIL_ADMIN_TOKEN (at least 16 characters), or keep AGENTMAIL_ADMIN_BIND on 127.0.0.1");
        }
        if (storage instanceof StorageProfile.Distributed && secrets.keyFile().isEmpty()) {
            throw new IllegalArgumentException("AGENTMAIL_SECRET_KEY_FILE is needed with AGENTMAIL_STORAGE=distributed: "
                + "every node must seal and open webhook secrets and DKIM keys with the same key. Make one with "
                + "(umask 077; openssl rand -base64 32 > secret.key) and give each node a copy");
        }
    }

    static AgentMailSettings fromEnvironment(Map<String, String> variables) {
        EnvironmentSettings env = new EnvironmentSettings(variables);
        Path dataDir = env.path("AGENTMAIL_DATA_DIR", "./var");
        String domain = env.text("AGENTMAIL_DOMAIN", "agentmail.localhost").toLowerCase(Locale.ROOT);
        String bind = env.text("AGENTMAIL_BIND", "127.0.0.1");
        int apiPort = env.port("AGENTMAIL_API_PORT", 8080);
        int maxMessageBytes = env.integer("AGENTMAIL_MAX_MESSAGE_BYTES", 25 * 1024 * 1024, 1024, Integer.MAX_VALUE);
        return new AgentMailSettings(
            dataDir,
            StorageProfile.choose(env, dataDir),
            new JamesSettings(domain, bind,
                env.port("AGENTMAIL_SMTP_PORT", 2525),
                env.port("AGENTMAIL_SUBMISSION_PORT", 2587),
                env.port("AGENTMAIL_IMAP_PORT", 1143),
                env.text("AGENTMAIL_ADMIN_BIND", "127.0.0.1"),
                env.port("AGENTMAIL_ADMIN_PORT", 8000),
                maxMessageBytes,
                RelaySettings.fromEnvironment(env)),
            new ApiServerSettings(bind, apiPort, env.text("AGENTMAIL_PUBLIC_URL", "http://localhost:" + apiPort)),
            new PlatformSettings(domain,
                env.integer("AGENTMAIL_INBOX_LIMIT", 1000, 0, Integer.MAX_VALUE),
                env.integer("AGENTMAIL_DOMAIN_LIMIT", 10, 0, Integer.MAX_VALUE),
                maxMessageBytes,
                env.bool("AGENTMAIL_ALLOW_PRIVATE_TARGETS", false)),
            new DomainSettings(
                env.hostName("AGENTMAIL_MX_HOST", domain),
                env.integer("AGENTMAIL_MX_PRIORITY", 10, 0, 65535),
                env.hostName("AGENTMAIL_SPF_INCLUDE", "_spf." + domain),
                env.dnsLabel("AGENTMAIL_DKIM_SELECTOR", "dkim"),
                env.email("AGENTMAIL_DMARC_RUA"),
                env.bool("AGENTMAIL_ALLOW_UNVERIFIED_SENDING", false),
                env.optionalPath("AGENTMAIL_DKIM_KEY").map(PlatformDkimKey::load)),
            new BootstrapSettings(dataDir, env.secret("AGENTMAIL_BOOTSTRAP_KEY")),
            new DnsSettings(env.hostAndPort("AGENTMAIL_DNS_SERVER")),
            new HousekeepingSettings(
                env.seconds("AGENTMAIL_EXPIRY_CHECK_SECONDS", 30, 1, 3600),
                env.seconds("AGENTMAIL_DOMAIN_CHECK_SECONDS", 300, 1, 86400)),
            env.parsed("AGENTMAIL_WEBHOOK_RETRY_SCHEDULE", RetrySchedule.DEFAULT, RetrySchedule::parse),
            new TlsSettings(
                env.port("AGENTMAIL_SUBMISSIONS_PORT", 2465),
                env.port("AGENTMAIL_IMAPS_PORT", 1993),
                env.optional("AGENTMAIL_API_TLS_PORT").map(value -> env.port("AGENTMAIL_API_TLS_PORT", 0)),
                env.optionalPath("AGENTMAIL_TLS_CERT"),
                env.optionalPath("AGENTMAIL_TLS_KEY"),
                env.optional("AGENTMAIL_ALLOW_PLAINTEXT_AUTH").map(value -> env.bool("AGENTMAIL_ALLOW_PLAINTEXT_AUTH", false)),
                env.seconds("AGENTMAIL_TLS_RELOAD_SECONDS", 30, 1, 3600)),
            LimitsSettings.fromEnvironment(env),
            new InboundMailSettings(env.parsed("AGENTMAIL_INBOUND_DMARC", "monitor", InboundDmarc::parse)),
            new SecretsSettings(dataDir, env.optionalPath("AGENTMAIL_SECRET_KEY_FILE")),
            BackupSettings.fromEnvironment(env),
            env.bool("AGENTMAIL_ATTACHMENT_TEXT", true));
    }

    /** Only this machine can reach a listener bound there. */
    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("AGENTMAIL_ADMIN_BIND: unknown address '" + bind + "'");
        }
    }
}
