package dev.agentmail.james.stores;

import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.james.AppendedMessages;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.mail.JPAMessageMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

import javax.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;

/** James's JPA message mapper, leaving what it adds in memory for the indexer, which would otherwise read it back. */
class RememberingJpaMessageMapper extends JPAMessageMapper {
    private final AppendedMessages appended;

    RememberingJpaMessageMapper(JPAUidProvider uidProvider, JPAModSeqProvider modSeqProvider,
                                EntityManagerFactory entityManagers, AppendedMessages appended) {
        super(uidProvider, modSeqProvider, entityManagers);
        this.appended = appended;
    }

    @Override
    public MessageMetaData add(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        MessageMetaData data = super.add(mailbox, message);
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
}
