package dev.agentmail.app;

import dev.agentmail.domain.service.RetrySchedule;
import dev.agentmail.mailets.inbound.InboundDmarc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator sets per deployment, read from {@code AGENTMAIL_*} environment variables. Everything
 * James-specific beyond these lives in the James configuration templates (james-conf/).
 */
public record AgentMailConfig(Path dataDir, String domain, String bind, int apiPort, int smtpPort,
                              int submissionPort, int imapPort, String adminBind, int adminPort,
                              Optional<String> bootstrapKey, String publicUrl, boolean allowPrivateTargets,
                              int inboxLimit, int domainLimit, long maxMessageBytes, Storage storage,
                              Optional<String> smtpRelay, Optional<InetSocketAddress> dnsServer, Duration expiryCheck,
                              RetrySchedule webhookRetries, String mxHost, int mxPriority, String spfInclude,
                              String dkimSelector, Optional<Path> dkimKey, Optional<String> dmarcRua,
                              boolean allowUnverifiedSending, Duration domainCheck, InboundDmarc inboundDmarc) {

    public static AgentMailConfig fromEnvironment(Map<String, String> env) {
        Settings settings = new Settings(env);
        int apiPort = settings.port("AGENTMAIL_API_PORT", 8080);
        String domain = settings.text("AGENTMAIL_DOMAIN", "agentmail.localhost").toLowerCase(Locale.ROOT);
        return new AgentMailConfig(
            Path.of(settings.text("AGENTMAIL_DATA_DIR", "./var")).toAbsolutePath().normalize(),
            domain,
            settings.text("AGENTMAIL_BIND", "127.0.0.1"),
            apiPort,
            settings.port("AGENTMAIL_SMTP_PORT", 2525),
            settings.port("AGENTMAIL_SUBMISSION_PORT", 2587),
            settings.port("AGENTMAIL_IMAP_PORT", 1143),
            settings.text("AGENTMAIL_ADMIN_BIND", "127.0.0.1"),
            settings.port("AGENTMAIL_ADMIN_PORT", 8000),
            settings.optional("AGENTMAIL_BOOTSTRAP_KEY"),
            settings.text("AGENTMAIL_PUBLIC_URL", "http://localhost:" + apiPort),
            settings.bool("AGENTMAIL_ALLOW_PRIVATE_TARGETS", false),
            settings.integer("AGENTMAIL_INBOX_LIMIT", 1000, 0, Integer.MAX_VALUE),
            settings.integer("AGENTMAIL_DOMAIN_LIMIT", 10, 0, Integer.MAX_VALUE),
            settings.integer("AGENTMAIL_MAX_MESSAGE_BYTES", 25 * 1024 * 1024, 1024, Integer.MAX_VALUE),
            Storage.from(settings::optional),
            settings.hostAndPort("AGENTMAIL_SMTP_RELAY"),
            settings.hostAndPort("AGENTMAIL_DNS_SERVER").map(AgentMailConfig::socketAddress),
            Duration.ofSeconds(settings.integer("AGENTMAIL_EXPIRY_CHECK_SECONDS", 30, 1, 3600)),
            settings.retrySchedule("AGENTMAIL_WEBHOOK_RETRY_SCHEDULE"),
            settings.hostName("AGENTMAIL_MX_HOST", domain),
            settings.integer("AGENTMAIL_MX_PRIORITY", 10, 0, 65535),
            settings.hostName("AGENTMAIL_SPF_INCLUDE", "_spf." + domain),
            settings.dnsLabel("AGENTMAIL_DKIM_SELECTOR", "dkim"),
            settings.optional("AGENTMAIL_DKIM_KEY").map(Path::of),
            settings.optional("AGENTMAIL_DMARC_RUA").map(rua -> settings.email("AGENTMAIL_DMARC_RUA", rua)),
            settings.bool("AGENTMAIL_ALLOW_UNVERIFIED_SENDING", false),
            Duration.ofSeconds(settings.integer("AGENTMAIL_DOMAIN_CHECK_SECONDS", 300, 1, 86400)),
            settings.inboundDmarc("AGENTMAIL_INBOUND_DMARC"));
    }

    private static InetSocketAddress socketAddress(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    /** The address a local client connects to for a listener bound to {@code bind}. */
    public String connectHost() {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    private record Settings(Map<String, String> env) {
        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
        }

        String text(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int port(String name, int fallback) {
            return integer(name, fallback, 1, 65535);
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.get());
                if (parsed < min || parsed > max) {
                    throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + value.get() + "'");
            }
        }

        Optional<String> hostAndPort(String name) {
            Optional<String> value = optional(name);
            if (value.isPresent() && !value.get().matches("[A-Za-z0-9.-]+:\\d{1,5}")) {
                throw new IllegalArgumentException(name + " must be host:port, got '" + value.get() + "'");
            }
            return value;
        }

        RetrySchedule retrySchedule(String name) {
            try {
                return RetrySchedule.parse(text(name, RetrySchedule.DEFAULT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
        }

        /** Published in DNS records the server hands out: anything but a host name would corrupt them. */
        String hostName(String name, String fallback) {
            String value = text(name, fallback).toLowerCase(Locale.ROOT);
            if (!value.matches("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*") || value.length() > 253) {
                throw new IllegalArgumentException(name + " must be a host name, got '" + value + "'");
            }
            return value;
        }

        String dnsLabel(String name, String fallback) {
            String value = text(name, fallback).toLowerCase(Locale.ROOT);
            if (!value.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException(name + " must be one DNS label (letters, digits, hyphens), got '" + value + "'");
            }
            return value;
        }

        String email(String name, String value) {
            if (!value.matches("[^@\\s;,<>]+@[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException(name + " must be an email address, got '" + value + "'");
            }
            return value;
        }

        InboundDmarc inboundDmarc(String name) {
            try {
                return InboundDmarc.parse(text(name, "monitor"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " " + e.getMessage());
            }
        }

        boolean bool(String name, boolean fallback) {
            return optional(name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
            }).orElse(fallback);
        }
    }
}
