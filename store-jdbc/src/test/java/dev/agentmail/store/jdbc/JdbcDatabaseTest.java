package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.Organization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcDatabaseTest {
    @Test
    void reopeningAnExistingDatabaseKeepsItsDataAndSchema(@TempDir Path dir) {
        String url = "jdbc:derby:" + dir.resolve("db") + ";create=true";
        Organization org = new Organization("org_a", "Kept", Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000));
        try (JdbcDatabase database = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            new JdbcOrganizationRepository(database.dataSource()).create(org);
        }

        try (JdbcDatabase reopened = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            assertThat(new JdbcOrganizationRepository(reopened.dataSource()).find("org_a")).contains(org);
        }
    }
}
