package dev.agentmail.james.distributed;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.agentmail.james.stores.NoTaskExtensionsModule;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.TaskManagerModule;

/**
 * James on Cassandra and RabbitMQ, for servers that share one cluster: everything but the protocols (SMTP, IMAP,
 * WebAdmin), which are the same for every profile.
 */
public final class DistributedJamesModules {
    private DistributedJamesModules() {
    }

    public static Module modules(DistributedJamesConfiguration configuration) {
        return Modules.combine(
            new MailetProcessingModule(),
            new DefaultProcessorsConfigurationProviderModule(),
            new RawPostDequeueDecoratorModule(),
            new MailboxModule(),
            Modules.override(new DefaultEventModule()).with(new RabbitMqEventBusModule()),
            // Tasks (WebAdmin's long operations) run and are tracked on the node that was asked: our operators
            // start few, and a cluster-wide task manager would need its own RabbitMQ queues and Cassandra tables.
            new TaskManagerModule(),
            new NoTaskExtensionsModule(),
            new FakeSearchMailboxModule(),
            new JamesCassandraSessionModule(configuration),
            new CassandraEventSourcingModule(),
            new CassandraMailboxStoreModule(),
            new CassandraQuotaModule(),
            new CassandraDataModule(),
            new CassandraBlobStoreModule(),
            new CassandraMailRepositoriesModule(),
            new RabbitMqConnectionModule(),
            new RabbitMqSpoolModule());
    }
}
