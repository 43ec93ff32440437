package dev.agentmail.james.distributed;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.CoreDataModule;
import org.apache.james.adapter.mailbox.DelegationStoreAuthorizator;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.cassandra.CassandraDomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.cassandra.CassandraMappingsSourcesDAO;
import org.apache.james.rrt.cassandra.CassandraRRTModule;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTable;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTableDAO;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.DelegationStore;
import org.apache.james.user.api.DelegationUsernameChangeTaskStep;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.cassandra.CassandraDelegationStore;
import org.apache.james.user.cassandra.CassandraRepositoryConfiguration;
import org.apache.james.user.cassandra.CassandraUsersDAO;
import org.apache.james.user.cassandra.CassandraUsersRepositoryModule;
import org.apache.james.user.lib.UsersDAO;
import org.apache.james.user.lib.UsersRepositoryImpl;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import javax.inject.Singleton;

/**
 * James's users, domains, recipient rewrite rules and delegations on Cassandra, configured by the same
 * usersrepository.xml, domainlist.xml and recipientrewritetable.xml as the other profiles.
 */
public class CassandraDataModule extends AbstractModule {
    private static final TypeLiteral<UsersRepositoryImpl<CassandraUsersDAO>> USERS = new TypeLiteral<>() {
    };

    @Override
    protected void configure() {
        install(new CoreDataModule());
        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);

        bind(CassandraUsersDAO.class).in(Scopes.SINGLETON);
        bind(UsersDAO.class).to(CassandraUsersDAO.class);
        bind(USERS).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(USERS);
        tables.addBinding().toInstance(CassandraUsersRepositoryModule.MODULE);

        // Delegations are a column of the users table. Admins and delegates may log in as another user.
        bind(CassandraDelegationStore.class).in(Scopes.SINGLETON);
        bind(DelegationStore.class).to(CassandraDelegationStore.class);
        bind(DelegationStoreAuthorizator.class).in(Scopes.SINGLETON);
        bind(Authorizator.class).to(DelegationStoreAuthorizator.class);
        Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class).addBinding()
            .to(DelegationUsernameChangeTaskStep.class);

        bind(CassandraDomainList.class).in(Scopes.SINGLETON);
        bind(DomainList.class).to(CassandraDomainList.class);
        tables.addBinding().toInstance(org.apache.james.domainlist.cassandra.CassandraDomainListModule.MODULE);

        bind(CassandraRecipientRewriteTableDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMappingsSourcesDAO.class).in(Scopes.SINGLETON);
        bind(CassandraRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(RecipientRewriteTable.class).to(CassandraRecipientRewriteTable.class);
        bind(AliasReverseResolverImpl.class).in(Scopes.SINGLETON);
        bind(AliasReverseResolver.class).to(AliasReverseResolverImpl.class);
        bind(CanSendFromImpl.class).in(Scopes.SINGLETON);
        bind(CanSendFrom.class).to(CanSendFromImpl.class);
        tables.addBinding().toInstance(CassandraRRTModule.MODULE);
    }

    /** The password hashing that usersrepository.xml names. */
    @Provides
    @Singleton
    CassandraRepositoryConfiguration usersConfiguration(ConfigurationProvider configuration) throws ConfigurationException {
        return CassandraRepositoryConfiguration.from(configuration.getConfiguration("usersrepository"));
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider configuration, UsersRepositoryImpl<CassandraUsersDAO> users) {
        return InitilizationOperationBuilder.forClass(UsersRepositoryImpl.class)
            .init(() -> users.configure(configuration.getConfiguration("usersrepository")));
    }

    @ProvidesIntoSet
    InitializationOperation configureDomains(DomainListConfiguration configuration, CassandraDomainList domains) {
        return InitilizationOperationBuilder.forClass(CassandraDomainList.class).init(() -> domains.configure(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation configureRecipientRewrites(ConfigurationProvider configuration,
                                                       CassandraRecipientRewriteTable table) {
        return InitilizationOperationBuilder.forClass(CassandraRecipientRewriteTable.class)
            .init(() -> table.configure(configuration.getConfiguration("recipientrewritetable")));
    }
}
