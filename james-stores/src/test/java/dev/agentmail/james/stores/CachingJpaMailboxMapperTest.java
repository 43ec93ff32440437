package dev.agentmail.james.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMailboxMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agentmail.james.AppendedMessages;

/** Against James's JPA mailbox tables on a Derby database in memory, through the persistence unit the server uses. */
class CachingJpaMailboxMapperTest {
    private static final Username OWNER = Username.of("agent@ours.example");
    private static final MailboxPath INBOX = MailboxPath.inbox(OWNER);
    private static final MailboxACL.ACLCommand LET_A_FRIEND_READ = aclCommand();

    private final AtomicLong sessions = new AtomicLong();
    private EntityManagerFactory entityManagers;
    private AppendingJpaMapperFactory mappers;
    /** James's mapper on the same database, without the cache: what is stored. */
    private JPAMailboxMapper stored;
    private Mailbox inbox;

    @BeforeEach
    void setUp() {
        entityManagers = InMemoryJamesDatabase.entityManagers("mailbox");
        mappers = new AppendingJpaMapperFactory(entityManagers, new JPAUidProvider(entityManagers),
            new JPAModSeqProvider(entityManagers), new AppendedMessages());
        stored = new JPAMailboxMapper(entityManagers);
        MailboxMapper mapper = mapper();
        inbox = mapper.executeReactive(mapper.create(INBOX, UidValidity.of(1))).block();
    }

    @AfterEach
    void tearDown() {
        entityManagers.close();
    }

    private static MailboxACL.ACLCommand aclCommand() {
        try {
            return MailboxACL.command().forUser(Username.of("friend@ours.example")).rights(MailboxACL.Right.Read)
                .asAddition();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mapper of a new session, as each SMTP delivery or IMAP connection has. */
    private MailboxMapper mapper() {
        return mappers.getMailboxMapper(new MailboxSession(MailboxSession.SessionId.of(sessions.incrementAndGet()),
            OWNER, Optional.of(OWNER), List.of(), '.', MailboxSession.SessionType.User));
    }

    private Optional<Mailbox> byPath(MailboxPath path) {
        return mapper().findMailboxByPath(path).blockOptional();
    }

    private Mailbox byId(Mailbox mailbox) {
        return mapper().findMailboxById(mailbox.getMailboxId()).block();
    }

    /** Another server's change: straight to the row, past every mapper. */
    private void changeUidValidityUnderneath(long uidValidity) {
        EntityManager entities = entityManagers.createEntityManager();
        try {
            entities.getTransaction().begin();
            entities.createNativeQuery("UPDATE JAMES_MAILBOX SET MAILBOX_UID_VALIDITY = ? WHERE MAILBOX_ID = ?")
                .setParameter(1, uidValidity)
                .setParameter(2, ((JPAId) inbox.getMailboxId()).getRawId())
                .executeUpdate();
            entities.getTransaction().commit();
        } finally {
            entities.close();
        }
    }

    @Test
    void repeatedLookupsByPathOrIdAreAnsweredWithoutAskingTheDatabase() {
        assertThat(byPath(INBOX)).hasValueSatisfying(found -> assertThat(found.getUidValidity()).isEqualTo(UidValidity.of(1)));

        changeUidValidityUnderneath(2);

        assertThat(stored.findMailboxByPath(INBOX).block().getUidValidity()).isEqualTo(UidValidity.of(2));
        assertThat(byPath(INBOX)).hasValueSatisfying(found -> assertThat(found.getUidValidity()).isEqualTo(UidValidity.of(1)));
        assertThat(byId(inbox).getUidValidity()).isEqualTo(UidValidity.of(1));
    }

    @Test
    void aRenameIsSeenAtOnceAtTheOldPathAndTheNew() {
        MailboxPath renamed = MailboxPath.forUser(OWNER, "Archive");
        assertThat(byPath(INBOX)).isPresent();
        assertThat(byPath(renamed)).isEmpty();
        changeUidValidityUnderneath(2);

        MailboxMapper mapper = mapper();
        Mailbox moving = mapper.findMailboxByPath(INBOX).block();
        moving.setName(renamed.getName());
        mapper.executeReactive(mapper.rename(moving)).block();

        assertThat(byPath(INBOX)).isEmpty();
        // Read again from the row: every mailbox was forgotten, not only the renamed one.
        assertThat(byPath(renamed)).hasValueSatisfying(found -> {
            assertThat(found.getMailboxId()).isEqualTo(inbox.getMailboxId());
            assertThat(found.getUidValidity()).isEqualTo(UidValidity.of(2));
        });
        assertThat(byId(inbox).generateAssociatedPath()).isEqualTo(renamed);
    }

    @Test
    void theWritersOwnLookupsSeeItsWriteBeforeItIsCommitted() {
        assertThat(byPath(INBOX)).isPresent();
        MailboxMapper mapper = mapper();
        Mailbox moving = mapper.findMailboxByPath(INBOX).block();
        moving.setName("Archive");

        Optional<Mailbox> atTheOldPath = mapper.executeReactive(mapper.rename(moving)
            .then(mapper.findMailboxByPath(INBOX).map(Optional::of).defaultIfEmpty(Optional.empty()))).block();

        assertThat(atTheOldPath).isEmpty();
    }

    @Test
    void aDeletedMailboxIsNotFound() {
        assertThat(byPath(INBOX)).isPresent();
        assertThat(byId(inbox)).isEqualTo(inbox);

        MailboxMapper mapper = mapper();
        mapper.executeReactive(mapper.delete(inbox)).block();

        assertThat(byPath(INBOX)).isEmpty();
        assertThatThrownBy(() -> byId(inbox)).hasCauseInstanceOf(MailboxNotFoundException.class);
    }

    @Test
    void aMissIsNotKeptSoAMailboxCreatedRightAfterIsFound() {
        MailboxPath sent = MailboxPath.forUser(OWNER, "Sent");
        assertThat(byPath(sent)).isEmpty();

        // Past this server's mappers, as another server would: seen only because the miss was not kept.
        MailboxMapper elsewhere = new JPAMailboxMapper(entityManagers);
        elsewhere.executeReactive(elsewhere.create(sent, UidValidity.of(3))).block();

        assertThat(byPath(sent)).hasValueSatisfying(found -> assertThat(found.getUidValidity()).isEqualTo(UidValidity.of(3)));
    }

    @Test
    void anAclChangeThroughTheMapperForgetsWhatWasKept() throws Exception {
        assertThat(byPath(INBOX)).isPresent();
        changeUidValidityUnderneath(2);

        MailboxMapper mapper = mapper();
        Mailbox shared = mapper.findMailboxByPath(INBOX).block();
        mapper.updateACL(shared, LET_A_FRIEND_READ).block();

        // As stored: James's JPA mailbox keeps no ACL, so the answer is the row's, now without the cache's help.
        Mailbox found = byPath(INBOX).orElseThrow();
        assertThat(found.getUidValidity()).isEqualTo(UidValidity.of(2));
        assertThat(found.getACL()).isEqualTo(stored.findMailboxByPath(INBOX).block().getACL());

        changeUidValidityUnderneath(3);
        mapper.setACL(found, MailboxACL.EMPTY.apply(LET_A_FRIEND_READ)).block();

        assertThat(byId(inbox).getUidValidity()).isEqualTo(UidValidity.of(3));
    }

    @Test
    void whatACallerChangesOnAMailboxItWasGivenIsNotKept() throws Exception {
        Mailbox given = byPath(INBOX).orElseThrow();
        given.setName("Elsewhere");
        given.setACL(MailboxACL.EMPTY.apply(LET_A_FRIEND_READ));
        Mailbox givenById = byId(inbox);
        givenById.setUser(Username.of("other@ours.example"));

        Mailbox again = byPath(INBOX).orElseThrow();
        assertThat(again.generateAssociatedPath()).isEqualTo(INBOX);
        assertThat(again.getACL()).isEqualTo(MailboxACL.EMPTY);
        assertThat(byId(inbox).generateAssociatedPath()).isEqualTo(INBOX);
    }

    @Test
    void aLookupThatStartedBeforeSomethingWasForgottenDoesNotKeepWhatItRead() {
        CachingJpaMailboxMapper.KnownMailboxes known = new CachingJpaMailboxMapper.KnownMailboxes();

        long startedAt = known.generation();
        known.forget();
        known.keep(startedAt, INBOX, inbox);
        assertThat(known.byPath(INBOX)).isNull();
        assertThat(known.byId(inbox.getMailboxId())).isNull();

        known.keep(known.generation(), INBOX, inbox);
        assertThat(known.byPath(INBOX)).isEqualTo(inbox).isNotSameAs(inbox);
    }
}
