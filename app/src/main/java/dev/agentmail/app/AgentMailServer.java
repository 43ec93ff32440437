package dev.agentmail.app;

import dev.agentmail.api.ApiServer;
import dev.agentmail.cluster.RabbitMqEventRelay;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.service.DomainService;
import dev.agentmail.domain.service.InboxService;
import dev.agentmail.domain.service.OrganizationService;
import dev.agentmail.domain.service.WebhookDispatcher;
import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.james.ApiKeyAuthenticator;
import dev.agentmail.james.RevokedKeyImapProcessor;
import dev.agentmail.webadmin.AdminTokenFilter;
import dev.agentmail.james.ResolverDnsService;
import dev.agentmail.tls.CertificateFiles;
import dev.agentmail.tls.CertificateReloader;
import dev.agentmail.tls.ServerCertificates;
import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.webadmin.authentication.AuthenticationFilter;
import org.apache.james.server.core.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/** One running agentmail: James (SMTP, IMAP, spool, mailboxes) with our modules, then the REST API. */
public final class AgentMailServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(AgentMailServer.class);

    private final GuiceJamesServer james;
    private final DataStorage storage;
    private final ApiServer api;
    private final Housekeeping housekeeping;
    private final WebhookDispatcher dispatcher;
    private final Optional<RabbitMqEventRelay> relay;
    private final CertificateReloader reloader;

    private AgentMailServer(GuiceJamesServer james, DataStorage storage, ApiServer api, Housekeeping housekeeping,
                            WebhookDispatcher dispatcher, Optional<RabbitMqEventRelay> relay, CertificateReloader reloader) {
        this.james = james;
        this.storage = storage;
        this.api = api;
        this.housekeeping = housekeeping;
        this.dispatcher = dispatcher;
        this.relay = relay;
        this.reloader = reloader;
    }

    public static AgentMailServer start(AgentMailConfig config, PrintStream console) throws Exception {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Files.createDirectories(config.dataDir());
        CertificateFiles certificate = ServerCertificates.choose(config.tls().certificate(), config.tls().key(),
            config.dataDir(), config.domain());
        console.println("agentmail: TLS certificate " + certificate.chain() + ", SHA-256 "
            + ServerCertificates.fingerprint(certificate.chain()));
        JamesConfigurationWriter.write(config, certificate);
        DataStorage storage = StorageProfile.openStorage(config);
        GuiceJamesServer james;
        try {
            james = GuiceJamesServer.forConfiguration(Configuration.builder()
                    .workingDirectory(config.dataDir().toFile())
                    .configurationPath(new Configuration.ConfigurationPath(FileSystem.FILE_PROTOCOL_AND_CONF))
                    .build())
                .combineWith(StorageProfile.jamesModules(config, storage), storage.repositories(),
                    new AgentMailModule(config, storage.linkSigningKey(), certificate))
                .overrideWith(binder -> {
                    binder.bind(Authenticator.class).to(ApiKeyAuthenticator.class);
                    binder.bind(AuthenticationFilter.class).toInstance(new AdminTokenFilter(config.limits().adminToken()));
                    binder.bind(ImapProcessor.class).to(RevokedKeyImapProcessor.class);
                    config.dnsServer().ifPresent(server -> binder.bind(DNSService.class).toInstance(new ResolverDnsService(server)));
                });
        } catch (Exception | Error e) {
            storage.close();
            throw e;
        }
        Optional<RabbitMqEventRelay> relay = Optional.empty();
        try {
            james.start();
            AgentMailProbe probe = james.getProbe(AgentMailProbe.class);
            // Other nodes' notices, for waiting calls and streams, from before the API takes its first call.
            if (config.storage().cluster().isPresent()) {
                relay = Optional.of(RabbitMqEventRelay.start(config.storage().cluster().get().rabbitMqUri(),
                    probe.instance(EventFeed.class)));
            }
            // Nodes starting together on a new cluster would each find no organization and make one.
            storage.runAlone("bootstrap", new Bootstrap(probe.instance(OrganizationService.class), config, console)::run);
            ApiServer api = probe.instance(ApiServer.class);
            api.start();
            LOGGER.info("agentmail is up: API {}, SMTP {}:{}, submission {}:{}, IMAP {}:{}, data in {}",
                config.publicUrl(), config.bind(), config.smtpPort(), config.bind(), config.submissionPort(),
                config.bind(), config.imapPort(), config.dataDir());
            Housekeeping housekeeping = new Housekeeping(probe.instance(InboxService.class),
                probe.instance(DomainService.class), probe.instance(DeliveryLedger.class),
                probe.instance(EventOutbox.class), Clock.systemUTC(), config.expiryCheck(), config.domainCheck());
            WebhookDispatcher dispatcher = probe.instance(WebhookDispatcher.class);
            dispatcher.start();
            CertificateReloader reloader = CertificateReloader.start(certificate,
                probe.instance(TlsListeners.class).all(certificate), config.tls().reloadCheck());
            return new AgentMailServer(james, storage, api, housekeeping, dispatcher, relay, reloader);
        } catch (Exception | Error e) {
            relay.ifPresent(RabbitMqEventRelay::close);
            james.stop();
            storage.close();
            throw e;
        }
    }

    public int apiPort() {
        return api.port();
    }

    public <T> T instance(Class<T> type) {
        return james.getProbe(AgentMailProbe.class).instance(type);
    }

    @Override
    public void close() {
        reloader.close();
        dispatcher.close();
        relay.ifPresent(RabbitMqEventRelay::close);
        housekeeping.close();
        try {
            api.close();
        } catch (Exception e) {
            LOGGER.warn("Stopping the REST API failed", e);
        }
        james.stop();
        storage.close();
    }
}
