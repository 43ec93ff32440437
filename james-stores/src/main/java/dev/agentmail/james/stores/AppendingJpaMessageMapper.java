package dev.agentmail.james.stores;

import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.james.AppendedMessages;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMessageMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import java.io.IOException;
import java.io.InputStream;

/**
 * James's JPA message mapper with a cheaper append. The message's UID and mod-seq are taken in the transaction that
 * stores it, where James takes each in a transaction of its own: one commit instead of three, and a UID becomes
 * visible only together with its message. What it adds is also left in {@link AppendedMessages} for the indexer,
 * which would otherwise read it back.
 */
class AppendingJpaMessageMapper extends JPAMessageMapper {
    private final AppendedMessages appended;

    AppendingJpaMessageMapper(JPAUidProvider uidProvider, JPAModSeqProvider modSeqProvider,
                              EntityManagerFactory entityManagers, AppendedMessages appended) {
        super(uidProvider, modSeqProvider, entityManagers);
        this.appended = appended;
    }

    @Override
    public MessageMetaData add(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        takeUidAndModSeq(mailbox, message);
        MessageMetaData data = save(mailbox, message);
        if (appended.keeps(message.getFullContentOctets())) {
            try (InputStream content = message.getFullContent()) {
                appended.remember(new MailboxLocation(mailbox.getMailboxId().serialize(), data.getUid().asLong()),
                    content.readAllBytes());
            } catch (IOException e) {
                // Only a shortcut: the indexer reads the stored message instead.
            }
        }
        return data;
    }

    /**
     * The mailbox's row is locked until the message is committed: an allocation elsewhere (a flag change's mod-seq,
     * another node's append) waits for it instead of reading a value about to change.
     */
    private void takeUidAndModSeq(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        EntityManager entities = getEntityManager();
        try {
            JPAMailbox row = entities.find(JPAMailbox.class, ((JPAId) mailbox.getMailboxId()).getRawId());
            if (row == null) {
                throw new MailboxNotFoundException(mailbox.getMailboxId());
            }
            entities.refresh(row, LockModeType.PESSIMISTIC_WRITE);
            message.setUid(MessageUid.of(row.consumeUid()));
            message.setModSeq(ModSeq.of(row.consumeModSeq()));
        } catch (PersistenceException e) {
            throw new MailboxException("could not take a UID in mailbox " + mailbox.getMailboxId().serialize(), e);
        }
    }
}
