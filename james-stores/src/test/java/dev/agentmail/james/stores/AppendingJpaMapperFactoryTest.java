package dev.agentmail.james.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.mail.Flags;
import javax.persistence.EntityManagerFactory;

import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.james.AppendedMessages;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
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
class AppendingJpaMapperFactoryTest {
    private static final Username OWNER = Username.of("agent@ours.example");

    private final AppendedMessages appended = new AppendedMessages();
    private EntityManagerFactory entityManagers;
    private JPAUidProvider uids;
    private JPAModSeqProvider modSeqs;
    private AppendingJpaMapperFactory mappers;
    private MailboxSession session;
    private Mailbox inbox;

    @BeforeEach
    void setUp() throws Exception {
        entityManagers = InMemoryJamesDatabase.entityManagers("mailbox");
        uids = new JPAUidProvider(entityManagers);
        modSeqs = new JPAModSeqProvider(entityManagers);
        mappers = new AppendingJpaMapperFactory(entityManagers, uids, modSeqs, appended);
        session = session(1);
        MailboxMapper mailboxMapper = mappers.getMailboxMapper(session);
        inbox = mailboxMapper.executeReactive(mailboxMapper.create(MailboxPath.inbox(OWNER), UidValidity.generate()))
            .block();
    }

    private static MailboxSession session(long id) {
        return new MailboxSession(MailboxSession.SessionId.of(id), OWNER, Optional.of(OWNER), List.of(), '.',
            MailboxSession.SessionType.User);
    }

    @AfterEach
    void tearDown() {
        entityManagers.close();
    }

    private MessageMetaData add(byte[] content) throws Exception {
        return add(session, content);
    }

    private MessageMetaData add(MailboxSession session, byte[] content) throws Exception {
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

    @Test
    void eachMessageTakesTheMailboxsNextUidAndModSeq() throws Exception {
        byte[] content = "Subject: Hi\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
        ModSeq before = modSeqs.highestModSeq(inbox);

        MessageMetaData first = add(content);
        MessageMetaData second = add(content);

        assertThat(first.getUid()).isEqualTo(MessageUid.of(1));
        assertThat(second.getUid()).isEqualTo(MessageUid.of(2));
        assertThat(first.getModSeq()).isEqualTo(before.next());
        assertThat(second.getModSeq()).isEqualTo(before.next().next());
        assertThat(uids.lastUid(inbox)).hasValue(MessageUid.of(2));
        assertThat(modSeqs.highestModSeq(inbox)).isEqualTo(second.getModSeq());
        // James's own allocation, as a flag change uses it, carries on after them.
        assertThat(modSeqs.nextModSeq(inbox)).isEqualTo(second.getModSeq().next());
    }

    @Test
    void concurrentAppendsWithoutJamesPathLockStillTakeDistinctUids() throws Exception {
        byte[] content = "Subject: Hi\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
        int writers = 4;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<MessageUid>>> taken = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                MailboxSession own = session(10 + writer);
                taken.add(pool.submit(() -> {
                    List<MessageUid> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(add(own, content).getUid());
                    }
                    return mine;
                }));
            }
            Set<MessageUid> all = new HashSet<>();
            for (Future<List<MessageUid>> writer : taken) {
                all.addAll(writer.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(writers * each);
            assertThat(uids.lastUid(inbox)).hasValue(MessageUid.of(writers * each));
        } finally {
            pool.shutdownNow();
        }
    }
}
