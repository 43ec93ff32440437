package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.DraftFolders;
import dev.agentmail.domain.port.MailAccounts;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.port.MailSender;
import dev.agentmail.domain.port.MailboxMessages;
import dev.agentmail.domain.service.MillisecondClock;
import dev.agentmail.james.ApiKeyAuthenticator;
import dev.agentmail.james.DnsjavaLookup;
import dev.agentmail.james.DraftFolderListener;
import dev.agentmail.james.JamesDraftFolders;
import dev.agentmail.james.JamesMailAccounts;
import dev.agentmail.james.JamesMailDomains;
import dev.agentmail.james.JamesMailSender;
import dev.agentmail.james.JamesMailboxMessages;
import dev.agentmail.james.MailboxIndexing;
import dev.agentmail.james.MessageIndexListener;
import dev.agentmail.james.ResolverDnsService;
import dev.agentmail.james.RevokedKeyImapProcessor;
import dev.agentmail.mailets.inbound.InboundAuthenticator;
import dev.agentmail.mailets.inbound.InboundDmarc;
import dev.agentmail.webadmin.AdminTokenFilter;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.events.EventListener;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.webadmin.authentication.AuthenticationFilter;

import java.time.Clock;
import java.util.Optional;

/**
 * The domain's ports on James: accounts and mailboxes, domains, sending through the spool, the listener that keeps
 * the message index in step, the DNS checks of custom domains, and the SPF, DKIM and DMARC checks of the inbound
 * SMTP port's hook.
 */
final class JamesAdaptersModule extends AbstractModule {
    private final DnsSettings dns;
    private final InboundMailSettings inbound;

    JamesAdaptersModule(DnsSettings dns, InboundMailSettings inbound) {
        this.dns = dns;
        this.inbound = inbound;
    }

    @Override
    protected void configure() {
        bind(MailAccounts.class).to(JamesMailAccounts.class).in(Scopes.SINGLETON);
        bind(MailDomains.class).to(JamesMailDomains.class).in(Scopes.SINGLETON);
        bind(MailboxMessages.class).to(JamesMailboxMessages.class).in(Scopes.SINGLETON);
        bind(MailSender.class).to(JamesMailSender.class).in(Scopes.SINGLETON);
        bind(MailboxIndexing.class).in(Scopes.SINGLETON);
        bind(DnsLookup.class).toInstance(DnsjavaLookup.uncached(dns.resolvedResolver()));
        bind(DraftFolders.class).to(JamesDraftFolders.class).in(Scopes.SINGLETON);
        Multibinder<EventListener.GroupEventListener> listeners =
            Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class);
        listeners.addBinding().to(MessageIndexListener.class);
        listeners.addBinding().to(DraftFolderListener.class);
        bind(InboundDmarc.class).toInstance(inbound.dmarc());
    }

    /**
     * Inbound SPF, DKIM and DMARC look up through the same resolver as the domain checks, keeping answers for their
     * TTL (jSPF's lookups do, in dnsjava's own cache) rather than asking again for every message.
     */
    @Provides
    @Singleton
    InboundAuthenticator inboundAuthenticator() {
        return new InboundAuthenticator(DnsjavaLookup.resolver(dns.resolvedResolver()),
            DnsjavaLookup.caching(dns.resolvedResolver()));
    }

    /**
     * What replaces James's own bindings: API-key logins for IMAP and SMTP, IMAP sessions that end when their key is
     * revoked, the operator token on WebAdmin, and the chosen DNS resolver.
     */
    static Module overridesOfJames(DnsSettings dns, Optional<Secret> adminToken) {
        return binder -> {
            // Instead of James's system clock: one clock of whole milliseconds for every component.
            binder.bind(Clock.class).toInstance(MillisecondClock.systemUTC());
            binder.bind(Authenticator.class).to(ApiKeyAuthenticator.class);
            binder.bind(ImapProcessor.class).to(RevokedKeyImapProcessor.class);
            binder.bind(AuthenticationFilter.class).toInstance(new AdminTokenFilter(adminToken.map(Secret::value)));
            dns.resolvedResolver().ifPresent(server -> binder.bind(DNSService.class).toInstance(new ResolverDnsService(server)));
        };
    }
}
