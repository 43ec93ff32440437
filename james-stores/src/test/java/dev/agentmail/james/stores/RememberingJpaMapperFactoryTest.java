package dev.agentmail.james.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.Flags;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.james.AppendedMessages;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.DefaultMessageId;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against James's JPA mailbox tables on a Derby database in memory, through the persistence unit the server uses. */
class RememberingJpaMapperFactoryTest {
    private static final Username OWNER = Username.of("agent@ours.example");

    private final AppendedMessages appended = new AppendedMessages();
    private EntityManagerFactory entityManagers;
    private RememberingJpaMapperFactory mappers;
    private MailboxSession session;
    private Mailbox inbox;

    @BeforeEach
    void setUp() throws Exception {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:mailbox-" + System.nanoTime());
        dataSource.setCreateDatabase("create");
        entityManagers = Persistence.createEntityManagerFactory(JpaEntityManagerModule.PERSISTENCE_UNIT,
            Map.of("openjpa.ConnectionFactory", dataSource));
        mappers = new RememberingJpaMapperFactory(entityManagers, new JPAUidProvider(entityManagers),
            new JPAModSeqProvider(entityManagers), appended);
        session = new MailboxSession(MailboxSession.SessionId.of(1), OWNER, Optional.of(OWNER), List.of(), '.',
            MailboxSession.SessionType.User);
        MailboxMapper mailboxMapper = mappers.getMailboxMapper(session);
        inbox = mailboxMapper.executeReactive(mailboxMapper.create(MailboxPath.inbox(OWNER), UidValidity.generate()))
            .block();
    }

    @AfterEach
    void tearDown() {
        entityManagers.close();
    }

    private MessageMetaData add(byte[] content) throws Exception {
        MessageMapper messages = mappers.getMessageMapper(session);
        SimpleMailboxMessage message = SimpleMailboxMessage.builder()
            .messageId(new DefaultMessageId.Factory().generate())
            .threadId(ThreadId.fromBaseMessageId(new DefaultMessageId.Factory().generate()))
            .mailboxId(inbox.getMailboxId())
            .internalDate(new Date())
            .size(content.length)
            .bodyStartOctet(0)
            .content(new ByteContent(content))
            .flags(new Flags())
            .properties(new PropertyBuilder())
            .build();
        return messages.execute(() -> messages.add(inbox, message));
    }

    private MailboxLocation locationOf(MessageMetaData stored) {
        return new MailboxLocation(inbox.getMailboxId().serialize(), stored.getUid().asLong());
    }

    @Test
    void whatItAddsIsStoredAndLeftInMemoryOnceForTheIndexer() throws Exception {
        byte[] content = "Subject: Hi\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);

        MessageMetaData stored = add(content);

        assertThat(mappers.getMessageMapper(session).countMessagesInMailbox(inbox)).isEqualTo(1);
        assertThat(appended.take(locationOf(stored))).hasValue(content);
        assertThat(appended.take(locationOf(stored))).isEmpty();
    }

    @Test
    void aMessageTooLargeToKeepIsOnlyStored() throws Exception {
        byte[] content = new byte[2 * 1024 * 1024];
        System.arraycopy("Subject: Big\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 16);

        MessageMetaData stored = add(content);

        assertThat(mappers.getMessageMapper(session).countMessagesInMailbox(inbox)).isEqualTo(1);
        assertThat(appended.take(locationOf(stored))).isEmpty();
    }
}
