package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.agentmail.api.ApiServer;
import dev.agentmail.domain.port.AttachmentFetcher;
import dev.agentmail.domain.service.ApiKeyService;
import dev.agentmail.domain.service.AttachmentService;
import dev.agentmail.domain.service.DeliveryOutcomes;
import dev.agentmail.domain.service.DomainService;
import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.InboundRejections;
import dev.agentmail.domain.service.IdempotentRequests;
import dev.agentmail.domain.service.InboxService;
import dev.agentmail.domain.service.LinkSigner;
import dev.agentmail.domain.service.LoginThrottle;
import dev.agentmail.domain.service.MailLoginService;
import dev.agentmail.domain.service.MessageIndexer;
import dev.agentmail.domain.service.MessageService;
import dev.agentmail.domain.service.OrganizationService;
import dev.agentmail.domain.service.PlatformSettings;
import dev.agentmail.domain.service.SendLimitSettings;
import dev.agentmail.domain.service.SendLimits;
import dev.agentmail.domain.service.SendService;
import dev.agentmail.domain.service.DraftService;
import dev.agentmail.domain.service.TargetGuard;
import dev.agentmail.domain.service.Threading;
import dev.agentmail.http.GuardedHttpFetcher;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import java.time.Clock;
import java.util.List;

/** The services that hold the rules (organizations, keys, inboxes, domains, messages, sending), and their chores. */
final class DomainServicesModule extends AbstractModule {
    private final PlatformSettings platform;
    private final DomainSettings domains;
    private final HousekeepingSettings housekeeping;
    private final LoginThrottle.Settings loginThrottle;
    private final SendLimitSettings sendLimits;

    DomainServicesModule(PlatformSettings platform, DomainSettings domains, HousekeepingSettings housekeeping,
                         LoginThrottle.Settings loginThrottle, SendLimitSettings sendLimits) {
        this.platform = platform;
        this.domains = domains;
        this.housekeeping = housekeeping;
        this.loginThrottle = loginThrottle;
        this.sendLimits = sendLimits;
    }

    @Override
    protected void configure() {
        bind(PlatformSettings.class).toInstance(platform);
        bind(DomainSettings.class).toInstance(domains);
        bind(HousekeepingSettings.class).toInstance(housekeeping);
        bind(SendLimitSettings.class).toInstance(sendLimits);

        bind(OrganizationService.class).in(Scopes.SINGLETON);
        bind(ApiKeyService.class).in(Scopes.SINGLETON);
        bind(InboxService.class).in(Scopes.SINGLETON);
        bind(MailLoginService.class).in(Scopes.SINGLETON);
        bind(DomainService.class).in(Scopes.SINGLETON);
        bind(Threading.class).in(Scopes.SINGLETON);
        bind(MessageIndexer.class).in(Scopes.SINGLETON);
        bind(DeliveryOutcomes.class).in(Scopes.SINGLETON);
        bind(InboundRejections.class).in(Scopes.SINGLETON);
        bind(MessageService.class).in(Scopes.SINGLETON);
        bind(SendService.class).in(Scopes.SINGLETON);
        bind(SendLimits.class).in(Scopes.SINGLETON);
        bind(DraftService.class).in(Scopes.SINGLETON);
        bind(IdempotentRequests.class).in(Scopes.SINGLETON);
        bind(AttachmentService.class).in(Scopes.SINGLETON);
        bind(TargetGuard.class).in(Scopes.SINGLETON);
        bind(AttachmentFetcher.class).to(GuardedHttpFetcher.class).in(Scopes.SINGLETON);
        bind(Housekeeping.class).in(Scopes.SINGLETON);
        bind(ScheduledSends.class).in(Scopes.SINGLETON);
    }

    /** Every node of one deployment signs download links with the key its storage keeps. */
    @Provides
    @Singleton
    LinkSigner linkSigner(DataStorage storage) throws Exception {
        return new LinkSigner(storage.linkSigningKey());
    }

    /** One per node: failed logins are counted in memory (see {@link LoginThrottle}). */
    @Provides
    @Singleton
    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(loginThrottle, clock);
    }

    /** Chores start once the API takes calls. */
    @ProvidesIntoSet
    InitializationOperation startHousekeeping(Housekeeping chores) {
        return InitilizationOperationBuilder.forClass(Housekeeping.class).init(chores::start)
            .requires(List.of(ApiServer.class));
    }

    /** Scheduled sends start with the chores, once the mail server takes mail. */
    @ProvidesIntoSet
    InitializationOperation startScheduledSends(ScheduledSends sends) {
        return InitilizationOperationBuilder.forClass(ScheduledSends.class).init(sends::start)
            .requires(List.of(Housekeeping.class));
    }
}
