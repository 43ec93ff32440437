package dev.agentmail.james.stores;

import com.google.common.collect.ImmutableList;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.CoreDataModule;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.jpa.JPADomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.jpa.JPAMailRepository;
import org.apache.james.mailrepository.jpa.JPAMailRepositoryFactory;
import org.apache.james.mailrepository.jpa.JPAMailRepositoryUrlStore;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.jpa.JPAUsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

/** James's users, domains, recipient rewrite rules and mail repositories (error, bounces) on JPA. */
public class JpaDataModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new CoreDataModule());

        bind(CachingJpaUsersRepository.class).in(Scopes.SINGLETON);
        bind(JPAUsersRepository.class).to(CachingJpaUsersRepository.class);
        bind(UsersRepository.class).to(JPAUsersRepository.class);
        bind(JPADomainList.class).in(Scopes.SINGLETON);

        bind(CachingJpaRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(JPARecipientRewriteTable.class).to(CachingJpaRecipientRewriteTable.class);
        bind(RecipientRewriteTable.class).to(JPARecipientRewriteTable.class);
        bind(AliasReverseResolverImpl.class).in(Scopes.SINGLETON);
        bind(AliasReverseResolver.class).to(AliasReverseResolverImpl.class);
        bind(CanSendFromImpl.class).in(Scopes.SINGLETON);
        bind(CanSendFrom.class).to(CanSendFromImpl.class);

        bind(JPAMailRepositoryUrlStore.class).in(Scopes.SINGLETON);
        bind(MailRepositoryUrlStore.class).to(JPAMailRepositoryUrlStore.class);
        bind(MailRepositoryStoreConfiguration.Item.class).toProvider(() -> new MailRepositoryStoreConfiguration.Item(
            ImmutableList.of(new Protocol("jpa")), JPAMailRepository.class.getName(), new BaseHierarchicalConfiguration()));
        Multibinder.newSetBinder(binder(), MailRepositoryFactory.class).addBinding().to(JPAMailRepositoryFactory.class);
    }

    @Provides
    @Singleton
    DomainList domainList(JPADomainList domains) {
        return new CachingDomainList(domains);
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider configuration, CachingJpaUsersRepository users) {
        // Named by the class Guice makes: James starts each operation in the order its class was provisioned, and an
        // operation for a class never made runs last, after the spool has started taking mail.
        return InitilizationOperationBuilder.forClass(CachingJpaUsersRepository.class)
            .init(() -> users.configure(configuration.getConfiguration("usersrepository")));
    }

    @ProvidesIntoSet
    InitializationOperation configureDomains(DomainListConfiguration configuration, JPADomainList domains) {
        return InitilizationOperationBuilder.forClass(JPADomainList.class).init(() -> domains.configure(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation configureRecipientRewrites(ConfigurationProvider configuration,
                                                       CachingJpaRecipientRewriteTable table) {
        return InitilizationOperationBuilder.forClass(CachingJpaRecipientRewriteTable.class)
            .init(() -> table.configure(configuration.getConfiguration("recipientrewritetable")));
    }
}
