package dev.agentmail.james.stores;

import dev.agentmail.james.AppendedMessages;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.jpa.JPAMailboxSessionMapperFactory;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

/**
 * James's JPA mappers, with {@link AppendingJpaMessageMapper} for messages and {@link CachingJpaMailboxMapper} for
 * mailboxes. Mappers live for a session; the mailboxes they remember are kept here, for all of them.
 */
public class AppendingJpaMapperFactory extends JPAMailboxSessionMapperFactory {
    private final EntityManagerFactory entityManagers;
    private final JPAUidProvider uidProvider;
    private final JPAModSeqProvider modSeqProvider;
    private final AppendedMessages appended;
    private final CachingJpaMailboxMapper.KnownMailboxes mailboxes = new CachingJpaMailboxMapper.KnownMailboxes();

    @Inject
    public AppendingJpaMapperFactory(EntityManagerFactory entityManagers, JPAUidProvider uidProvider,
                                       JPAModSeqProvider modSeqProvider, AppendedMessages appended) {
        super(entityManagers, uidProvider, modSeqProvider);
        this.entityManagers = entityManagers;
        this.uidProvider = uidProvider;
        this.modSeqProvider = modSeqProvider;
        this.appended = appended;
    }

    @Override
    public MailboxMapper createMailboxMapper(MailboxSession session) {
        return new CachingJpaMailboxMapper(entityManagers, mailboxes);
    }

    @Override
    public MessageMapper createMessageMapper(MailboxSession session) {
        return new AppendingJpaMessageMapper(uidProvider, modSeqProvider, entityManagers, appended);
    }
}
