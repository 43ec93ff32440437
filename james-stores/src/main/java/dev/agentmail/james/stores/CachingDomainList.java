package dev.agentmail.james.stores;

import com.google.common.cache.Cache;
import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;

import java.util.List;

/**
 * A domain list that remembers, for a while, whether a domain is one of ours. SMTP's RCPT check and the
 * transport mailets ask several times for every message, and on JPA each answer was a query (about 5 % of the
 * embedded server's CPU under ingest). James's own read cache is not cleared when a domain is removed; this one is
 * cleared by every change made through it, so only a change made on another server sharing the database shows late,
 * within {@link JpaLookupCache#EXPIRY}.
 */
public final class CachingDomainList implements DomainList {
    private final DomainList domains;
    private final Cache<Domain, Boolean> known = JpaLookupCache.create(10_000);

    public CachingDomainList(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public boolean containsDomain(Domain domain) throws DomainListException {
        Boolean cached = known.getIfPresent(domain);
        if (cached != null) {
            return cached;
        }
        boolean exists = domains.containsDomain(domain);
        known.put(domain, exists);
        return exists;
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        try {
            domains.addDomain(domain);
        } finally {
            known.invalidate(domain);
        }
    }

    @Override
    public void removeDomain(Domain domain) throws DomainListException {
        try {
            domains.removeDomain(domain);
        } finally {
            known.invalidate(domain);
        }
    }

    @Override
    public List<Domain> getDomains() throws DomainListException {
        return domains.getDomains();
    }

    @Override
    public Domain getDefaultDomain() throws DomainListException {
        return domains.getDefaultDomain();
    }
}
