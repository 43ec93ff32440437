package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.api.JsonEventPayloads;
import dev.agentmail.api.RestApiModule;
import dev.agentmail.api.resource.ProtocolEndpoint;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.event.EventFilters;
import dev.agentmail.domain.event.EventRecorder;
import dev.agentmail.domain.event.EventStreams;
import dev.agentmail.domain.port.EventPayloads;
import dev.agentmail.domain.service.ApiKeyService;
import dev.agentmail.domain.service.DeliveryOutcomes;
import dev.agentmail.domain.service.TargetGuard;
import dev.agentmail.domain.service.WebhookDispatcher;
import dev.agentmail.domain.service.WebhookService;
import dev.agentmail.domain.store.EventOutbox;
import com.google.inject.Singleton;
import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.port.AttachmentFetcher;
import dev.agentmail.domain.port.AttachmentReader;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.MailAccounts;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.port.MailSender;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.port.MessageAnalyzer;
import dev.agentmail.domain.port.MimeComposer;
import dev.agentmail.domain.service.AttachmentService;
import dev.agentmail.domain.service.DomainService;
import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.InboundRejections;
import dev.agentmail.domain.service.GuardedHttpFetcher;
import dev.agentmail.domain.service.InboxService;
import dev.agentmail.domain.service.LinkSigner;
import dev.agentmail.domain.service.MailLoginService;
import dev.agentmail.domain.service.MessageIndexer;
import dev.agentmail.domain.service.MessageService;
import dev.agentmail.domain.service.OrganizationService;
import dev.agentmail.domain.service.PlatformSettings;
import dev.agentmail.domain.service.SendService;
import dev.agentmail.domain.service.Threading;
import dev.agentmail.extraction.ReadingAnalyzer;
import dev.agentmail.james.DnsjavaLookup;
import dev.agentmail.james.JamesMailAccounts;
import dev.agentmail.james.JamesMailDomains;
import dev.agentmail.james.JamesMailSender;
import dev.agentmail.james.JamesMailboxMessages;
import dev.agentmail.james.MailboxIndexing;
import dev.agentmail.james.MessageIndexListener;
import dev.agentmail.mailets.inbound.InboundAuthenticator;
import dev.agentmail.mailets.inbound.InboundDmarc;
import dev.agentmail.mime.JavaMailComposer;
import dev.agentmail.mime.MimeAttachmentReader;
import org.apache.james.events.EventListener;
import org.apache.james.utils.GuiceProbe;

import java.time.Clock;
import java.util.List;

/** Our side of the server: settings, services and the REST API, added to James's injector with a {@link DataStorage}. */
public class AgentMailModule extends AbstractModule {
    private final AgentMailConfig config;
    private final byte[] signingKey;

    public AgentMailModule(AgentMailConfig config, byte[] signingKey) {
        this.config = config;
        this.signingKey = signingKey.clone();
    }

    @Override
    protected void configure() {
        bind(AgentMailConfig.class).toInstance(config);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(PlatformSettings.class).toInstance(
            new PlatformSettings(config.domain(), config.inboxLimit(), config.domainLimit(), config.maxMessageBytes(),
                config.allowPrivateTargets()));
        bind(DomainSettings.class).toInstance(new DomainSettings(config.mxHost(), config.mxPriority(), config.spfInclude(),
            config.dkimSelector(), config.dmarcRua(), config.allowUnverifiedSending(),
            config.dkimKey().map(PlatformDkimKey::load)));
        bind(ApiServerSettings.class).toInstance(new ApiServerSettings(config.bind(), config.apiPort(), config.publicUrl()));
        bind(LinkSigner.class).toInstance(new LinkSigner(signingKey));

        bind(MailAccounts.class).to(JamesMailAccounts.class).in(Scopes.SINGLETON);
        bind(MailDomains.class).to(JamesMailDomains.class).in(Scopes.SINGLETON);
        bind(DnsLookup.class).toInstance(new DnsjavaLookup(config.dnsServer()));
        bind(InboundDmarc.class).toInstance(config.inboundDmarc());
        bind(InboundRejections.class).in(Scopes.SINGLETON);
        bind(DomainEvents.class).in(Scopes.SINGLETON);
        bind(DomainService.class).in(Scopes.SINGLETON);
        bind(OrganizationService.class).in(Scopes.SINGLETON);
        bind(ApiKeyService.class).in(Scopes.SINGLETON);
        bind(InboxService.class).in(Scopes.SINGLETON);
        bind(MailLoginService.class).in(Scopes.SINGLETON);
        bind(MailboxMessages.class).to(JamesMailboxMessages.class).in(Scopes.SINGLETON);
        bind(Threading.class).in(Scopes.SINGLETON);
        bind(MessageIndexer.class).in(Scopes.SINGLETON);
        bind(MailboxIndexing.class).in(Scopes.SINGLETON);
        bind(DeliveryOutcomes.class).in(Scopes.SINGLETON);
        bind(MessageService.class).in(Scopes.SINGLETON);
        bind(MessageEvents.class).in(Scopes.SINGLETON);
        bind(MessageAnalyzer.class).to(ReadingAnalyzer.class).in(Scopes.SINGLETON);
        bind(SendService.class).in(Scopes.SINGLETON);
        bind(AttachmentService.class).in(Scopes.SINGLETON);
        bind(AttachmentFetcher.class).to(GuardedHttpFetcher.class).in(Scopes.SINGLETON);
        bind(TargetGuard.class).in(Scopes.SINGLETON);
        bind(EventFeed.class).in(Scopes.SINGLETON);
        bind(EventPayloads.class).to(JsonEventPayloads.class).in(Scopes.SINGLETON);
        bind(EventRecorder.class).asEagerSingleton();
        bind(EventFilters.class).in(Scopes.SINGLETON);
        bind(EventStreams.class).in(Scopes.SINGLETON);
        bind(WebhookService.class).in(Scopes.SINGLETON);
        bind(AttachmentReader.class).to(MimeAttachmentReader.class).in(Scopes.SINGLETON);
        bind(MimeComposer.class).to(JavaMailComposer.class).in(Scopes.SINGLETON);
        bind(MailSender.class).to(JamesMailSender.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class).addBinding().to(MessageIndexListener.class);

        install(new RestApiModule());
        Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(AgentMailProbe.class);
    }

    @Provides
    @Singleton
    WebhookDispatcher webhookDispatcher(EventOutbox outbox, EventFeed feed, TargetGuard guard, Clock clock) {
        return new WebhookDispatcher(outbox, feed, guard, config.webhookRetries(), clock);
    }

    @Provides
    @Singleton
    InboundAuthenticator inboundAuthenticator(DnsLookup dns) {
        return new InboundAuthenticator(DnsjavaLookup.resolver(config.dnsServer()), dns);
    }

    /** The mail listeners that GET /health checks. */
    @Provides
    List<ProtocolEndpoint> protocolEndpoints() {
        String host = config.connectHost();
        return List.of(
            new ProtocolEndpoint("smtp", host, config.smtpPort()),
            new ProtocolEndpoint("submission", host, config.submissionPort()),
            new ProtocolEndpoint("imap", host, config.imapPort()));
    }
}
