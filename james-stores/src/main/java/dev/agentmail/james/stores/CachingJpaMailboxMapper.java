package dev.agentmail.james.stores;

import java.util.function.Supplier;

import javax.persistence.EntityManagerFactory;

import org.apache.james.mailbox.acl.ACLDiff;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.mail.JPAMailboxMapper;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;

import com.google.common.cache.Cache;

import reactor.core.publisher.Mono;

/**
 * James's JPA mailbox mapper, remembering for a while the mailboxes it finds by path or id. Every delivery looks up
 * the recipient's INBOX by path, and on JPA that was a query in an entity manager of its own (4.5 % of the embedded
 * server's CPU under ingest). Whatever a mapper writes makes every mapper of its factory forget them all once it is
 * committed, so this server sees its own changes at once; a change made on another server sharing the database shows
 * within {@link JpaLookupCache#EXPIRY}.
 */
class CachingJpaMailboxMapper extends JPAMailboxMapper {
    private final KnownMailboxes known;
    /**
     * Set by a write until its transaction ends. Until then this mapper's own lookups must see the write, which the
     * cache does not hold, so they go to the database.
     */
    private volatile boolean writing;

    CachingJpaMailboxMapper(EntityManagerFactory entityManagers, KnownMailboxes known) {
        super(entityManagers);
        this.known = known;
    }

    @Override
    public Mono<Mailbox> findMailboxByPath(MailboxPath path) {
        return keptOrFound(() -> known.byPath(path), () -> super.findMailboxByPath(path));
    }

    @Override
    public Mono<Mailbox> findMailboxById(MailboxId id) {
        return keptOrFound(() -> known.byId(id), () -> super.findMailboxById(id));
    }

    private Mono<Mailbox> keptOrFound(Supplier<Mailbox> kept, Supplier<Mono<Mailbox>> lookup) {
        return Mono.defer(() -> {
            if (writing) {
                return lookup.get();
            }
            Mailbox cached = kept.get();
            if (cached != null) {
                return Mono.just(cached);
            }
            long generation = known.generation();
            return lookup.get().doOnNext(found -> known.keep(generation, found.generateAssociatedPath(), found));
        });
    }

    @Override
    public Mono<Mailbox> create(MailboxPath path, UidValidity uidValidity) {
        return Mono.defer(() -> {
            writing = true;
            return super.create(path, uidValidity);
        });
    }

    @Override
    public Mono<MailboxId> rename(Mailbox mailbox) {
        return Mono.defer(() -> {
            writing = true;
            return super.rename(mailbox);
        });
    }

    @Override
    public Mono<Void> delete(Mailbox mailbox) {
        return Mono.defer(() -> {
            writing = true;
            return super.delete(mailbox);
        });
    }

    // James's JPA mailbox keeps no ACL (3.8.1): these only change the object passed in, never the database, and
    // outside of any transaction. Forgotten anyway, so that nothing cached outlives a change made through the mapper.
    @Override
    public Mono<ACLDiff> updateACL(Mailbox mailbox, MailboxACL.ACLCommand command) {
        return super.updateACL(mailbox, command).doOnTerminate(known::forget);
    }

    @Override
    public Mono<ACLDiff> setACL(Mailbox mailbox, MailboxACL acl) {
        return super.setACL(mailbox, acl).doOnTerminate(known::forget);
    }

    // A write is in the database, for others to read, only once committed: forgetting before would let a lookup on
    // another mapper keep the old row again.
    @Override
    protected void commit() throws MailboxException {
        try {
            super.commit();
        } finally {
            written();
        }
    }

    @Override
    protected void rollback() throws MailboxException {
        try {
            super.rollback();
        } finally {
            written();
        }
    }

    @Override
    public void endRequest() {
        try {
            super.endRequest();
        } finally {
            written();
        }
    }

    private void written() {
        if (writing) {
            writing = false;
            known.forget();
        }
    }

    /**
     * The mailboxes every mapper of one factory shares, as copies: a {@link Mailbox} is changed in place by James's
     * rename and ACL code, so the one kept is never handed out. A lookup keeps what it read only if nothing was
     * forgotten since it started, so a row read just before a write committed cannot come back after it.
     */
    static final class KnownMailboxes {
        private final Cache<MailboxPath, Mailbox> byPath = JpaLookupCache.create(100_000);
        private final Cache<MailboxId, Mailbox> byId = JpaLookupCache.create(100_000);
        private long generation;

        Mailbox byPath(MailboxPath path) {
            return copyOf(byPath.getIfPresent(path));
        }

        Mailbox byId(MailboxId id) {
            return copyOf(byId.getIfPresent(id));
        }

        private static Mailbox copyOf(Mailbox kept) {
            return kept == null ? null : new Mailbox(kept);
        }

        synchronized long generation() {
            return generation;
        }

        synchronized void keep(long startedAt, MailboxPath path, Mailbox found) {
            if (startedAt == generation) {
                Mailbox copy = new Mailbox(found);
                byPath.put(path, copy);
                byId.put(copy.getMailboxId(), copy);
            }
        }

        // All of them: a rename moves a mailbox's children too, and the database may match paths in another case.
        synchronized void forget() {
            generation++;
            byPath.invalidateAll();
            byId.invalidateAll();
        }
    }
}
