package dev.agentmail.app;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.secrets.AesGcmSecretSealer;
import dev.agentmail.secrets.SecretKeyFile;
import dev.agentmail.tls.CertificateFiles;
import dev.agentmail.tls.ServerCertificates;
import dev.agentmail.webadmin.WebAdminJetty;
import org.apache.james.GuiceJamesServer;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;

/**
 * One running agentmail: James (SMTP, IMAP, spool, mailboxes) composed with our modules, started and stopped by
 * James's own lifecycle. Each of our modules starts what it holds through an {@code InitializationOperation}, in
 * this order: the cluster's event relay, the first start's organization, the REST API, the chores, webhook
 * delivery, certificate reloads; James's {@code @PreDestroy} stage stops them in reverse. Our storage is opened
 * before James and closed after it.
 */
public final class AgentMailServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(AgentMailServer.class);

    private final GuiceJamesServer james;
    private final DataStorage storage;

    private AgentMailServer(GuiceJamesServer james, DataStorage storage) {
        this.james = james;
        this.storage = storage;
    }

    static AgentMailServer start(AgentMailSettings settings, PrintStream console) throws Exception {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        DataDirectory.prepare(settings.dataDir());
        SecretSealer sealer = new AesGcmSecretSealer(SecretKeyFile.load(settings.secrets().keyFile(), settings.dataDir()));
        TlsSettings tls = settings.tls();
        CertificateFiles certificate = ServerCertificates.choose(tls.certificate(), tls.key(), settings.dataDir(),
            settings.james().domain());
        console.println("agentmail: TLS certificate " + certificate.chain() + ", SHA-256 "
            + ServerCertificates.fingerprint(certificate.chain()));
        JamesConfigurationWriter.write(settings, certificate);
        WebAdminJetty.install();
        AgentMailServer server = start(settings, settings.storage(), certificate, sealer, console);
        // What this start wrote with the process's umask (configuration, the spool's journal) joins the rest.
        DataDirectory.ownerOnly(settings.dataDir());
        JamesSettings james = settings.james();
        LOGGER.info("agentmail is up: API {}, SMTP {}:{}, submission {}:{}, IMAP {}:{}, data in {}",
            settings.api().publicUrl(), james.bind(), james.smtpPort(), james.bind(), james.submissionPort(),
            james.bind(), james.imapPort(), settings.dataDir());
        return server;
    }

    private static <S extends DataStorage> AgentMailServer start(AgentMailSettings settings, StorageProfile<S> profile,
                                                                 CertificateFiles certificate, SecretSealer sealer,
                                                                 PrintStream console) throws Exception {
        S storage = profile.open();
        GuiceJamesServer james = null;
        try {
            // Before anything reads them; a key that does not open what is sealed already stops the start here.
            int sealed = storage.secretsAtRest(sealer).sealClearSecrets();
            if (sealed > 0) {
                LOGGER.info("Sealed {} webhook secrets and DKIM private keys that an earlier version kept in clear", sealed);
            }
            james = GuiceJamesServer.forConfiguration(Configuration.builder()
                    .workingDirectory(settings.dataDir().toFile())
                    .configurationPath(new Configuration.ConfigurationPath(FileSystem.FILE_PROTOCOL_AND_CONF))
                    .build())
                .combineWith(profile.modules(storage), ourModules(settings, storage, certificate, sealer, console))
                .overrideWith(JamesAdaptersModule.overridesOfJames(settings.dns(), settings.limits().adminToken()));
            james.start();
            return new AgentMailServer(james, storage);
        } catch (Exception | Error e) {
            // What started before the failure stops: James's stage runs the @PreDestroy of what it made.
            if (james != null) {
                james.stop();
            }
            storage.close();
            throw e;
        }
    }

    /** Ours, by concern, as James's server mains group theirs. */
    private static Module ourModules(AgentMailSettings settings, DataStorage storage, CertificateFiles certificate,
                                     SecretSealer sealer, PrintStream console) {
        ApiServerSettings api = settings.api();
        return Modules.combine(
            binder -> binder.bind(DataStorage.class).toInstance(storage),
            binder -> binder.bind(SecretSealer.class).toInstance(sealer),
            new DomainServicesModule(settings.platform(), settings.domains(), settings.housekeeping(),
                settings.limits().loginThrottle(), settings.limits().sending()),
            new JamesAdaptersModule(settings.dns(), settings.inbound()),
            new MimeAndExtractionModule(),
            new AttachmentTextModule(settings.attachmentText()),
            new WebhooksAndEventsModule(settings.webhookRetries()),
            new RestModule(new ApiServerSettings(api.bindAddress(), api.port(), api.publicUrl(),
                settings.tls().apiPort().map(port -> new ApiServerSettings.Https(port, certificate)),
                settings.limits().apiConnections()), settings.james()),
            new BootstrapModule(settings.bootstrap(), console),
            new TlsModule(settings.tls(), certificate),
            new MetricsModule(),
            new BackupModule(settings, storage),
            AgentMailProbe.MODULE);
    }

    /** For tests: an object of the running server's injector. */
    <T> T instance(Class<T> type) {
        return james.getProbe(AgentMailProbe.class).instance(type);
    }

    @Override
    public void close() {
        james.stop();
        storage.close();
    }
}
