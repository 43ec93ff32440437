package dev.agentmail.app;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.agentmail.james.distributed.CassandraMailRepositoriesModule;
import dev.agentmail.james.distributed.DistributedJamesModules;
import dev.agentmail.james.stores.ActiveMqSpoolModule;
import dev.agentmail.james.stores.JpaDataModule;
import dev.agentmail.james.stores.JpaEntityManagerModule;
import dev.agentmail.james.stores.JpaMailboxModule;
import dev.agentmail.james.stores.NoTaskExtensionsModule;
import dev.agentmail.store.jdbc.JdbcDatabase;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminServerModule;

/** Which James stores and which database a server runs on, chosen by {@link Storage}. */
final class StorageProfile {
    /** SMTP, IMAP and WebAdmin; no JMAP, POP3, LMTP or ManageSieve. */
    private static final Module PROTOCOLS = Modules.combine(
        new ProtocolHandlerModule(),
        new SMTPServerModule(),
        new IMAPServerModule(),
        new WebAdminServerModule(),
        new NoJwtModule());

    private StorageProfile() {
    }

    static DataStorage openStorage(AgentMailConfig config) {
        Storage storage = config.storage();
        if (storage.kind() == Storage.Kind.DISTRIBUTED) {
            return ClusterStorage.open(storage.cluster().orElseThrow());
        }
        String jdbcUrl = switch (storage.kind()) {
            case MEMORY -> "jdbc:derby:memory:agentmail-" + java.util.UUID.randomUUID() + ";create=true";
            case EMBEDDED -> "jdbc:derby:" + config.dataDir().resolve("db") + ";create=true";
            default -> storage.databaseUrl().orElseThrow();
        };
        // Derby writes its own log file, by default into whatever directory the server was started from.
        System.setProperty("derby.stream.error.file", config.dataDir().resolve("derby.log").toString());
        return new JdbcStorage(new JdbcDatabase(jdbcUrl, storage.user(), storage.password()), config.dataDir());
    }

    static Module jamesModules(AgentMailConfig config, DataStorage storage) {
        if (config.storage().kind() == Storage.Kind.DISTRIBUTED) {
            return Modules.combine(PROTOCOLS,
                DistributedJamesModules.modules(config.storage().cluster().orElseThrow().james()));
        }
        if (config.storage().kind() == Storage.Kind.MEMORY) {
            return Modules.combine(
                MemoryJamesServerMain.SMTP_AND_IMAP_MODULE,
                new MemoryUsersRepositoryModule(),
                new FakeSearchMailboxModule(),
                new WebAdminServerModule(),
                new NoJwtModule());
        }
        return Modules.combine(
            PROTOCOLS,
            new MailetProcessingModule(),
            new DefaultProcessorsConfigurationProviderModule(),
            new RawPostDequeueDecoratorModule(),
            new MailboxModule(),
            new DefaultEventModule(),
            new MemoryDeadLetterModule(),
            new NaiveDelegationStoreModule(),
            new TaskManagerModule(),
            new NoTaskExtensionsModule(),
            new FakeSearchMailboxModule(),
            new JpaEntityManagerModule(((JdbcStorage) storage).dataSource()),
            new JpaDataModule(),
            new JpaMailboxModule(),
            new ActiveMqSpoolModule(config.dataDir().resolve("spool")));
    }

    /** The mail repository (failed mail, bounces) that the James configuration names. */
    static String mailRepositoryProtocol(AgentMailConfig config) {
        return switch (config.storage().kind()) {
            case MEMORY -> "memory";
            case DISTRIBUTED -> CassandraMailRepositoriesModule.PROTOCOL;
            default -> "jpa";
        };
    }

    static String mailRepositoryClass(AgentMailConfig config) {
        return switch (config.storage().kind()) {
            case MEMORY -> "org.apache.james.mailrepository.memory.MemoryMailRepository";
            case DISTRIBUTED -> CassandraMailRepositoriesModule.CLASS;
            default -> "org.apache.james.mailrepository.jpa.JPAMailRepository";
        };
    }
}
