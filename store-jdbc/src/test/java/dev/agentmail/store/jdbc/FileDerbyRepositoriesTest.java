package dev.agentmail.store.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

/** The embedded storage profile, the default. */
class FileDerbyRepositoriesTest extends JdbcRepositoriesContractTest {
    @TempDir
    static Path directory;

    @Override
    JdbcDatabase openDatabase() {
        return new JdbcDatabase("jdbc:derby:" + directory.resolve("db") + ";create=true", Optional.empty(), Optional.empty());
    }
}
