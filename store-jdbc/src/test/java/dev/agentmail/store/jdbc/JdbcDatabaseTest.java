package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.MessageRepositoryContract;
import dev.agentmail.domain.store.StorageException;
import dev.agentmail.store.codec.StoredJson;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcDatabaseTest {
    private static final Organization ORG =
        new Organization("org_a", "Kept", Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000));

    @Test
    void reopeningAnExistingDatabaseKeepsItsDataAndSchema(@TempDir Path dir) {
        String url = "jdbc:derby:" + dir.resolve("db") + ";create=true";
        try (JdbcDatabase database = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            new JdbcOrganizationRepository(database.dataSource()).create(ORG);
        }

        try (JdbcDatabase reopened = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            assertThat(new JdbcOrganizationRepository(reopened.dataSource()).find("org_a")).contains(ORG);
        }
    }

    @Test
    void migrationsRunOnceAndReopeningRunsNone(@TempDir Path dir) {
        String url = "jdbc:derby:" + dir.resolve("db") + ";create=true";
        List<String> first;
        try (JdbcDatabase database = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            MigrationInfoService info = migrations(database.dataSource());
            assertThat(info.pending()).isEmpty();
            assertThat(info.applied()).isNotEmpty()
                .allSatisfy(migration -> assertThat(migration.getState().isApplied()).isTrue());
            assertThat(info.applied()[0].getScript()).isEqualTo("V1__organizations_keys_inboxes.sql");
            first = history(info);
        }

        try (JdbcDatabase reopened = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            assertThat(history(migrations(reopened.dataSource()))).isEqualTo(first);
        }
    }

    @Test
    void messagesIndexedBeforeSearchExistedAreSearchable(@TempDir Path dir) {
        String url = "jdbc:derby:" + dir.resolve("db") + ";create=true";
        StoredMessage message = MessageRepositoryContract.message("msg_old", "in_1", "thr_1", 1, 1_000, null, "Old news");
        try (HikariDataSource old = migratedUpTo(url, "9")) {
            insertAsIndexedBefore21(new Jdbc(old), message, 1_000);
        }

        try (JdbcDatabase reopened = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            assertThat(new JdbcMessageRepository(reopened.dataSource())
                .list("org_1", "in_1", MessageSearch.parse("NEWS alice"), PageRequest.first()).data())
                .extracting(StoredMessage::id).containsExactly("msg_old");
        }
    }

    @Test
    void messagesIndexedBeforeThreadsAndCountsWereKeptAreCountedAndThreaded(@TempDir Path dir) {
        String url = "jdbc:derby:" + dir.resolve("db") + ";create=true";
        try (HikariDataSource old = migratedUpTo(url, "17")) {
            Jdbc jdbc = new Jdbc(old);
            insertAsIndexedBefore21(jdbc, MessageRepositoryContract.message("msg_1", "in_1", "thr_a", 1, 1_000, null, "One"), 1_000);
            insertAsIndexedBefore21(jdbc, MessageRepositoryContract.message("msg_2", "in_1", "thr_b", 2, 2_000, null, "Two"), 2_000);
            insertAsIndexedBefore21(jdbc, MessageRepositoryContract.message("msg_3", "in_1", "thr_a", 3, 3_000, null, "Re: One"), 3_000);
            insertAsIndexedBefore21(jdbc, MessageRepositoryContract.message("msg_4", "in_2", "thr_c", 1, 4_000, null, "Other"), 4_000);
        }

        try (JdbcDatabase reopened = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            JdbcMessageRepository messages = new JdbcMessageRepository(reopened.dataSource());
            assertThat(messages.list("org_1", "in_1", PageRequest.first()).total()).isEqualTo(3);
            assertThat(messages.listThreadIds("org_1", "in_1", PageRequest.first()).data()).containsExactly("thr_a", "thr_b");
            assertThat(messages.listThreadIds("org_1", "in_1", PageRequest.first()).total()).isEqualTo(2);
            assertThat(messages.listThreadIds("org_1", "in_2", PageRequest.first()).total()).isEqualTo(1);

            messages.delete(new dev.agentmail.domain.model.MailboxLocation("mbx-in_1", 3));
            assertThat(messages.list("org_1", "in_1", PageRequest.first()).total()).isEqualTo(2);
            assertThat(messages.listThreadIds("org_1", "in_1", PageRequest.first()).data()).containsExactly("thr_b", "thr_a");
        }
    }

    /** V21 turned the documents kept as text into UTF-8 bytes: what an older server stored reads back the same. */
    @Test
    void messagesAndEventsStoredAsTextReadBackAfterTheirDocumentsBecameBytes(@TempDir Path dir) {
        documentsStoredAsTextReadBackAsBefore("jdbc:derby:" + dir.resolve("db") + ";create=true", Optional.empty(),
            Optional.empty());
    }

    @Test
    void messagesAndEventsStoredAsTextReadBackAfterTheirDocumentsBecameBytesOnPostgres() {
        documentsStoredAsTextReadBackAsBefore(TestPostgres.newDatabase(), TestPostgres.user(), TestPostgres.password());
    }

    private static void documentsStoredAsTextReadBackAsBefore(String url, Optional<String> user,
                                                              Optional<String> password) {
        StoredMessage message = MessageRepositoryContract.message("msg_old", "in_1", "thr_1", 1, 1_000, null,
            "Grüße, 你好 — old news");
        String payload = "{\"type\":\"message.received\",\"subject\":\"Grüße, 你好\"}";
        try (HikariDataSource old = migratedUpTo(url, user, password, "20")) {
            Jdbc jdbc = new Jdbc(old);
            insertAsIndexedBefore21(jdbc, message, 1_000);
            jdbc.updateOrFail("INSERT INTO events (id, organization_id, event_type, inbox_id, payload, created_at)"
                + " VALUES ('evt_old', 'org_1', 'message.received', 'in_1', ?, 1000)", payload);
        }

        try (JdbcDatabase reopened = new JdbcDatabase(url, user, password)) {
            assertThat(new JdbcMessageRepository(reopened.dataSource()).find("org_1", "in_1", "msg_old")).get()
                .satisfies(found -> {
                    assertThat(found.content()).isEqualTo(message.content());
                    assertThat(found.analysis()).isEqualTo(message.analysis());
                });
            assertThat(new JdbcEventOutbox(reopened.dataSource(), null).eventsAfter("org_1", 0, 10))
                .singleElement().satisfies(event -> assertThat(event.payload()).isEqualTo(payload));
        }
    }

    /** A database as a server of an older version left it: our migrations up to {@code version} only. */
    private static HikariDataSource migratedUpTo(String url, String version) {
        return migratedUpTo(url, Optional.empty(), Optional.empty(), version);
    }

    private static HikariDataSource migratedUpTo(String url, Optional<String> user, Optional<String> password,
                                                 String version) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        user.ifPresent(dataSource::setUsername);
        password.ifPresent(dataSource::setPassword);
        JdbcDatabase.migrations(dataSource, url).target(version).load().migrate();
        return dataSource;
    }

    /** A row as the index wrote it before V21: its documents as text. */
    private static void insertAsIndexedBefore21(Jdbc jdbc, StoredMessage message, long ts) {
        jdbc.updateOrFail("INSERT INTO messages (id, organization_id, inbox_id, thread_id, direction, mailbox_id, uid,"
                + " normalized_subject, labels, size, ts, created_at, updated_at, content, analysis)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', 1, ?, ?, ?, ?, ?)", message.id(),
            message.organizationId(), message.inboxId(), message.threadId(), message.direction().name(),
            message.location().mailboxId(), message.location().uid(),
            dev.agentmail.domain.service.Threading.normalizeSubject(message.content().subject()), ts, ts, ts,
            StoredJson.write(message.content()), StoredJson.write(message.analysis()));
    }

    /** An in-memory database would otherwise outlive its server in this JVM; tests open many. */
    @Test
    void closingDropsAnInMemoryDatabase() {
        String url = "jdbc:derby:memory:drop-" + UUID.randomUUID() + ";create=true";
        try (JdbcDatabase database = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            new JdbcOrganizationRepository(database.dataSource()).create(ORG);
        }

        try (JdbcDatabase reopened = new JdbcDatabase(url, Optional.empty(), Optional.empty())) {
            assertThat(new JdbcOrganizationRepository(reopened.dataSource()).count()).isZero();
        }
    }

    @Test
    void aClosedDatabaseFailsWithAStorageException() {
        JdbcDatabase database = memoryDatabase();
        JdbcOrganizationRepository organizations = new JdbcOrganizationRepository(database.dataSource());
        database.close();

        assertThatThrownBy(organizations::count).isInstanceOf(StorageException.class);
    }

    @Test
    void sqlFailuresNameTheSqlStateButNoValue() {
        try (JdbcDatabase database = memoryDatabase()) {
            JdbcOrganizationRepository organizations = new JdbcOrganizationRepository(database.dataSource());
            organizations.create(ORG);
            Organization duplicate = new Organization("org_a", "private-name", Instant.EPOCH, Instant.EPOCH);
            Organization overlong = new Organization("org_b", "x".repeat(201), Instant.EPOCH, Instant.EPOCH);

            assertThatThrownBy(() -> organizations.create(duplicate))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("SQLState 23505")
                .hasMessageNotContaining("private-name");
            assertThatThrownBy(() -> organizations.create(overlong))
                .isInstanceOf(StorageException.class)
                .hasMessageNotContaining("xxx");
        }
    }

    /** Given a second to try, as the servers are given a minute. */
    @Test
    void aDatabaseThatCannotBeOpenedFailsAtOnce() {
        // Without ;create=true Derby refuses a database that does not exist.
        assertThatThrownBy(() -> new JdbcDatabase("jdbc:derby:memory:missing-" + UUID.randomUUID(),
            Optional.empty(), Optional.empty(), Duration.ofSeconds(1))).isInstanceOf(RuntimeException.class);
    }

    private static JdbcDatabase memoryDatabase() {
        return new JdbcDatabase("jdbc:derby:memory:test-" + UUID.randomUUID() + ";create=true", Optional.empty(),
            Optional.empty());
    }

    private static MigrationInfoService migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(JdbcDatabase.MIGRATIONS).load().info();
    }

    private static String describe(MigrationInfo migration) {
        return migration.getInstalledRank() + " " + migration.getVersion() + " " + migration.getScript() + " "
            + migration.getChecksum() + " " + migration.getInstalledOn().getTime();
    }

    /** What the schema history records of each applied migration, including when it ran. */
    private static List<String> history(MigrationInfoService info) {
        return Arrays.stream(info.applied())
            .map(JdbcDatabaseTest::describe)
            .toList();
    }
}
