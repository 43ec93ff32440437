package dev.agentmail.james.stores;

import com.google.common.cache.Cache;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.jpa.JPAUsersRepository;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import javax.inject.Inject;

/**
 * James's JPA users, remembering for a while whether a user exists. SMTP's RCPT check and the transport
 * mailets ask for every recipient of every message, and each answer was a query. Users added or removed through this
 * repository (an inbox created or deleted) are seen at once; a change made on another server sharing the database
 * shows within {@link JpaLookupCache#EXPIRY}.
 */
public class CachingJpaUsersRepository extends JPAUsersRepository {
    private final Cache<Username, Boolean> known = JpaLookupCache.create(100_000);

    @Inject
    public CachingJpaUsersRepository(DomainList domainList) {
        super(domainList);
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        Boolean cached = known.getIfPresent(name);
        if (cached != null) {
            return cached;
        }
        boolean exists = super.contains(name);
        known.put(name, exists);
        return exists;
    }

    @Override
    public Publisher<Boolean> containsReactive(Username name) {
        Boolean cached = known.getIfPresent(name);
        if (cached != null) {
            return Mono.just(cached);
        }
        return Mono.from(super.containsReactive(name)).doOnNext(exists -> known.put(name, exists));
    }

    // Names are cached as asked, and the store may match them in another case: forget them all, not just this one.
    private void forgetAll() {
        known.invalidateAll();
    }

    @Override
    public void addUser(Username name, String password) throws UsersRepositoryException {
        try {
            super.addUser(name, password);
        } finally {
            forgetAll();
        }
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        try {
            super.removeUser(name);
        } finally {
            forgetAll();
        }
    }
}
