package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import dev.agentmail.backup.DataDirBackup;
import dev.agentmail.backup.DatabaseBackup;
import dev.agentmail.backup.DerbyOnlineBackup;
import dev.agentmail.backup.OnlineBackup;
import dev.agentmail.james.stores.EmbeddedBroker;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The operator's online backup (WebAdmin's {@code /agentmail/backups}) on the profiles with a data dir of their own:
 * the spool's journal, the Derby database (embedded) and the keys. PostgreSQL is dumped by the operator after it;
 * the distributed profile is backed up at its clusters (README, Backup and restore).
 */
final class BackupModule extends AbstractModule {
    /** The keys kept in the data dir, relative to it: the self-signed certificate, link-signing key, first API key, secret key. */
    static final List<String> DATA_DIR_KEY_FILES = List.of("tls/cert.pem", "tls/key.pem", SigningKeyFile.NAME,
        Bootstrap.KEY_FILE, "secret.key");

    private final AgentMailSettings settings;
    private final DataStorage storage;

    BackupModule(AgentMailSettings settings, DataStorage storage) {
        this.settings = settings;
        this.storage = storage;
    }

    @Override
    protected void configure() {
        if (!(settings.storage() instanceof StorageProfile.OneDatabase profile)) {
            bind(OnlineBackup.class).toInstance(OnlineBackup.unsupported("the " + settings.storage().name()
                + " profile is not backed up through the server: see README, Backup and restore"));
            return;
        }
        Optional<DatabaseBackup> database = profile instanceof StorageProfile.Embedded
            ? Optional.of(new DerbyOnlineBackup(((JdbcStorage) storage).dataSource())) : Optional.empty();
        Path dataDir = settings.dataDir();
        String version = Optional.ofNullable(BackupModule.class.getPackage().getImplementationVersion()).orElse("development");
        Provider<EmbeddedBroker> broker = getProvider(EmbeddedBroker.class);
        bind(OnlineBackup.class).toProvider(() -> new DataDirBackup(version, profile.name(), dataDir, DATA_DIR_KEY_FILES,
            settings.backup().externalKeyFiles(), target -> broker.get().copyJournalTo(target),
            database, "postgresql: not included, dump it with pg_dump after this backup",
            Clock.systemUTC())).in(Scopes.SINGLETON);
    }
}
