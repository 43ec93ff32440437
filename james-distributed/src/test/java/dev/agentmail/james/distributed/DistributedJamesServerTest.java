package dev.agentmail.james.distributed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.agentmail.store.cassandra.CassandraConfiguration;
import dev.agentmail.store.cassandra.TestCassandra;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import javax.mail.Flags;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two James servers on one Cassandra keyspace and one RabbitMQ virtual host, as two machines of a cluster, reached
 * with real SMTP and IMAP clients.
 */
class DistributedJamesServerTest {
    private static final String PASSWORD = "secret";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path directory;
    private static DistributedJamesConfiguration configuration;
    private static TestNode first;
    private static TestNode second;

    @BeforeAll
    static void start() throws Exception {
        if (!serversAvailable()) {
            return;
        }
        CassandraConfiguration cassandra = TestCassandra.newKeyspace();
        configuration = DistributedJamesConfiguration.of(cassandra.contactPoints(), cassandra.keyspace(),
                cassandra.localDatacenter(), 1, TestRabbitMq.newVirtualHost());
        configuration = configuration.withRabbitMqManagement(TestRabbitMq.management(),
            configuration.rabbitMqManagementUser(), configuration.rabbitMqManagementPassword());
        first = TestNode.start(configuration, directory.resolve("first"));
        second = TestNode.start(configuration, directory.resolve("second"));
        first.instance(DomainList.class).addDomain(Domain.of("example.test"));
    }

    /** Each test is reported skipped, with the reason; an assumption failing in {@link #start()} would hide it. */
    @BeforeEach
    void assumeServersAvailable() {
        TestCassandra.assumeAvailable();
        TestRabbitMq.assumeAvailable();
    }

    private static boolean serversAvailable() {
        try {
            TestCassandra.assumeAvailable();
            TestRabbitMq.assumeAvailable();
            return true;
        } catch (TestAbortedException e) {
            return false;
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (configuration != null) {
            try (CqlSession session = CqlSession.builder().addContactPoints(configuration.cassandraHosts())
                .withLocalDatacenter(configuration.localDatacenter()).build()) {
                session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + configuration.jamesKeyspace())
                    .setTimeout(Duration.ofSeconds(60)));
            }
        }
    }

    @Test
    void mailReceivedOverSmtpIsReadOverImap() throws Exception {
        String user = newUser(first);

        send(first.smtpPort, user, "Hello over SMTP");

        try (Store store = imap(first.imapPort, user)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            await().atMost(PATIENCE).until(() -> inbox.getMessageCount() == 1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Hello over SMTP");
        }
    }

    @Test
    void mailReceivedByOneServerIsReadOnTheOther() throws Exception {
        String user = newUser(first);

        send(second.smtpPort, user, "Received by the second server");

        try (Store store = imap(first.imapPort, user)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            await().atMost(PATIENCE).until(() -> inbox.getMessageCount() == 1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Received by the second server");
        }
    }

    @Test
    void flagSetOnOneServerShowsOnTheOther() throws Exception {
        String user = newUser(second);
        send(first.smtpPort, user, "To be flagged");
        try (Store onSecond = imap(second.imapPort, user); Store onFirst = imap(first.imapPort, user)) {
            // A session of the second server keeps the mailbox selected while the first server changes it.
            Folder watching = onSecond.getFolder("INBOX");
            watching.open(Folder.READ_ONLY);
            await().atMost(PATIENCE).until(() -> watching.getMessageCount() == 1);
            assertThat(watching.getMessage(1).isSet(Flags.Flag.FLAGGED)).isFalse();

            Folder inbox = onFirst.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlag(Flags.Flag.FLAGGED, true);
            inbox.close(false);

            // The change reaches the open session through the event bus (NOOP answers it with FETCH FLAGS)...
            Message watched = watching.getMessage(1);
            await().atMost(PATIENCE).until(() -> watching.getMessageCount() == 1 && watched.isSet(Flags.Flag.FLAGGED));
            // ...and is in the store for a new one.
            Folder fresh = imap(second.imapPort, user).getFolder("INBOX");
            fresh.open(Folder.READ_ONLY);
            assertThat(fresh.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
            fresh.getStore().close();
        }
    }

    private static String newUser(TestNode node) throws Exception {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        node.instance(UsersRepository.class).addUser(Username.of(user), PASSWORD);
        return user;
    }

    private static void send(int port, String to, String subject) throws IOException {
        SMTPClient client = new SMTPClient();
        client.setDefaultTimeout(10_000);
        client.connect("127.0.0.1", port);
        try {
            client.setSoTimeout(30_000);
            assertThat(SMTPReply.isPositiveCompletion(client.helo("client.example.net"))).isTrue();
            assertThat(client.setSender("sender@remote.example")).isTrue();
            assertThat(client.addRecipient(to)).as(client.getReplyString()).isTrue();
            try (Writer data = client.sendMessageData()) {
                data.write("From: sender@remote.example\r\nTo: " + to + "\r\nSubject: " + subject
                    + "\r\nMessage-ID: <" + UUID.randomUUID() + "@remote.example>\r\n\r\nHello.\r\n");
            }
            assertThat(client.completePendingCommand()).as(client.getReplyString()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    private static Store imap(int port, String user) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "30000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", port, user, PASSWORD);
        return store;
    }
}
