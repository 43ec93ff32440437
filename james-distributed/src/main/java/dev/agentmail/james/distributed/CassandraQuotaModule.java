package dev.agentmail.james.distributed;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.agentmail.james.stores.StoreQuotaModule;
import com.google.inject.multibindings.Multibinder;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.mailbox.cassandra.quota.CassandraCurrentQuotaManager;
import org.apache.james.mailbox.cassandra.quota.CassandraGlobalMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerDomainMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaManager;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;

/** Per-user quotas: limits and current usage (Cassandra counters), kept up to date by a mailbox listener. */
public class CassandraQuotaModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new StoreQuotaModule());
        bind(CassandraGlobalMaxQuotaDao.class).in(Scopes.SINGLETON);
        bind(CassandraPerDomainMaxQuotaDao.class).in(Scopes.SINGLETON);
        bind(CassandraPerUserMaxQuotaDao.class).in(Scopes.SINGLETON);
        bind(CassandraPerUserMaxQuotaManager.class).in(Scopes.SINGLETON);
        bind(MaxQuotaManager.class).to(CassandraPerUserMaxQuotaManager.class);
        bind(CassandraCurrentQuotaManager.class).in(Scopes.SINGLETON);
        bind(CurrentQuotaManager.class).to(CassandraCurrentQuotaManager.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding()
            .toInstance(org.apache.james.mailbox.cassandra.modules.CassandraQuotaModule.MODULE);
    }
}
