package dev.agentmail.app;

import com.google.inject.Module;
import com.google.inject.Scopes;
import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.MessageRepository;
import com.google.inject.util.Modules;
import dev.agentmail.james.distributed.CassandraMailRepositoriesModule;
import dev.agentmail.james.distributed.DistributedJamesModules;
import dev.agentmail.james.stores.JamesServerModules;
import dev.agentmail.james.stores.JpaJamesModules;
import dev.agentmail.store.memory.MemoryAttachmentTextRepository;
import dev.agentmail.store.memory.MemoryMessageRepository;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.WebAdminServerModule;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Where everything is kept, one type per kind, each named once as AGENTMAIL_STORAGE names it and chosen in one
 * place, {@link #choose}, the way James's {@code ...ModulesChooser} classes choose. A profile opens our
 * {@link DataStorage} and gives the James modules that keep James's data beside it.
 *
 * @param <S> the storage it opens, which its James modules may build on (the JPA stores share our database)
 */
sealed interface StorageProfile<S extends DataStorage> permits StorageProfile.Memory, StorageProfile.OneDatabase,
    StorageProfile.Distributed {
    /** The value of AGENTMAIL_STORAGE that chooses it. */
    String name();

    S open();

    /** James's stores, spool and protocols on this profile, and our repositories in {@code storage}. */
    Module modules(S storage);

    /** The mail repository (failed mail, bounces) that the James configuration names: its protocol, its class. */
    String mailRepositoryProtocol();

    String mailRepositoryClass();

    static StorageProfile<?> choose(EnvironmentSettings env, Path dataDir) {
        Optional<String> databaseUrl = env.optional("AGENTMAIL_DB_URL");
        String name = env.text("AGENTMAIL_STORAGE", Embedded.NAME).toLowerCase(Locale.ROOT);
        switch (name) {
            case Memory.NAME, Distributed.NAME -> {
                if (databaseUrl.isPresent()) {
                    throw new IllegalArgumentException("AGENTMAIL_DB_URL cannot be used with AGENTMAIL_STORAGE=" + name);
                }
                return name.equals(Memory.NAME) ? new Memory(dataDir) : new Distributed(ClusterSettings.read(env));
            }
            case Embedded.NAME, Postgres.NAME -> {
                if (databaseUrl.isPresent()) {
                    if (!databaseUrl.get().startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException(
                            "AGENTMAIL_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
                    }
                    return new Postgres(databaseUrl.get(), env.optional("AGENTMAIL_DB_USER"),
                        env.secret("AGENTMAIL_DB_PASSWORD"), dataDir);
                }
                if (name.equals(Postgres.NAME)) {
                    throw new IllegalArgumentException("AGENTMAIL_STORAGE=" + name + " needs AGENTMAIL_DB_URL");
                }
                return new Embedded(dataDir);
            }
            default -> throw new IllegalArgumentException("AGENTMAIL_STORAGE must be '" + Embedded.NAME + "', '"
                + Postgres.NAME + "', '" + Distributed.NAME + "' or '" + Memory.NAME + "', got '" + name + "'");
        }
    }

    /**
     * Everything in memory, for fast tests: James's in-memory server, the message index (what every delivery writes)
     * in the heap as well, and the rest of our data on an in-memory H2, which does its statements in a fraction of
     * in-memory Derby's CPU.
     */
    record Memory(Path dataDir) implements StorageProfile<JdbcStorage> {
        static final String NAME = "memory";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public JdbcStorage open() {
            // H2 parses a statement anew unless it is among a connection's last few; ours are more than its default 8.
            return JdbcStorage.open("jdbc:h2:mem:agentmail-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128",
                Optional.empty(), Optional.empty(), dataDir);
        }

        @Override
        public Module modules(JdbcStorage storage) {
            return Modules.combine(
                // James's in-memory thread guess searches every mailbox's every message on each append, a cost that
                // grows with the store; our own threading is what the API shows, as on the JPA stores.
                Modules.override(MemoryJamesServerMain.SMTP_AND_IMAP_MODULE).with(binder -> binder
                    .bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class)),
                new MemoryUsersRepositoryModule(),
                new FakeSearchMailboxModule(),
                new WebAdminServerModule(),
                new NoJwtModule(),
                Modules.override(storage.repositories()).with(binder -> {
                    // One index, which the attachment texts add their text to.
                    binder.bind(MemoryMessageRepository.class).in(Scopes.SINGLETON);
                    binder.bind(MessageRepository.class).to(MemoryMessageRepository.class);
                    binder.bind(AttachmentTextRepository.class).to(MemoryAttachmentTextRepository.class)
                        .in(Scopes.SINGLETON);
                }));
        }

        @Override
        public String mailRepositoryProtocol() {
            return "memory";
        }

        @Override
        public String mailRepositoryClass() {
            return "org.apache.james.mailrepository.memory.MemoryMailRepository";
        }
    }

    /** James on JPA over our database, the spool under the data dir: what {@link Embedded} and {@link Postgres} share. */
    sealed interface OneDatabase extends StorageProfile<JdbcStorage> {
        Path dataDir();

        @Override
        default Module modules(JdbcStorage storage) {
            return Modules.combine(
                JamesServerModules.PROTOCOLS,
                JpaJamesModules.modules(storage.dataSource(), dataDir().resolve("spool")),
                storage.repositories());
        }

        @Override
        default String mailRepositoryProtocol() {
            return "jpa";
        }

        @Override
        default String mailRepositoryClass() {
            return "org.apache.james.mailrepository.jpa.JPAMailRepository";
        }
    }

    /** The default: James's stores, the spool and our data under the data dir, on Derby and ActiveMQ. */
    record Embedded(Path dataDir) implements OneDatabase {
        static final String NAME = "embedded";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public JdbcStorage open() {
            return JdbcStorage.open("jdbc:derby:" + dataDir.resolve("db") + ";create=true", Optional.empty(),
                Optional.empty(), dataDir);
        }
    }

    /**
     * The same with the database on PostgreSQL (AGENTMAIL_DB_URL, with {@code embedded} or {@code postgres}); the
     * spool stays under the data dir.
     */
    record Postgres(String databaseUrl, Optional<String> user, Optional<Secret> password, Path dataDir)
        implements OneDatabase {
        static final String NAME = "postgres";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public JdbcStorage open() {
            return JdbcStorage.open(databaseUrl, user, password.map(Secret::value), dataDir);
        }
    }

    /** Cassandra, OpenSearch and RabbitMQ shared by several nodes. */
    record Distributed(ClusterSettings cluster) implements StorageProfile<ClusterStorage> {
        static final String NAME = "distributed";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ClusterStorage open() {
            return ClusterStorage.open(cluster);
        }

        @Override
        public Module modules(ClusterStorage storage) {
            return Modules.combine(
                JamesServerModules.PROTOCOLS,
                DistributedJamesModules.modules(cluster.james()),
                storage.repositories(),
                new ClusterEventRelayModule(cluster));
        }

        @Override
        public String mailRepositoryProtocol() {
            return CassandraMailRepositoriesModule.PROTOCOL;
        }

        @Override
        public String mailRepositoryClass() {
            return CassandraMailRepositoriesModule.CLASS;
        }
    }
}
