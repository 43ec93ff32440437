package dev.agentmail.james.distributed;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.agentmail.james.stores.JamesServerModules;
import org.apache.james.modules.mailbox.DefaultEventModule;

/**
 * James on Cassandra and RabbitMQ, for servers that share one cluster: everything but the protocols (SMTP, IMAP,
 * WebAdmin), which are the same for every profile.
 */
public final class DistributedJamesModules {
    private DistributedJamesModules() {
    }

    public static Module modules(DistributedJamesConfiguration configuration) {
        return Modules.combine(
            // Tasks (WebAdmin's long operations) run and are tracked on the node that was asked: our operators
            // start few, and a cluster-wide task manager would need its own RabbitMQ queues and Cassandra tables.
            JamesServerModules.MAIL_PROCESSING_AND_MAILBOX,
            Modules.override(new DefaultEventModule()).with(new RabbitMqEventBusModule()),
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
