package dev.agentmail.james.stores;

import org.apache.james.core.Domain;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;

import com.google.common.cache.Cache;

/**
 * James's JPA recipient rewrites, remembering each address's stored mappings for a while. The transport
 * mailets resolve every recipient of every message, and on JPA each step of that resolution was a query (about 3 %
 * of the embedded server's CPU under ingest). A mapping added or removed through this table is seen at once; a change
 * made on another server sharing the database shows within {@link JpaLookupCache#EXPIRY}.
 */
public class CachingJpaRecipientRewriteTable extends JPARecipientRewriteTable {
    private record Address(String user, Domain domain) {
    }

    private final Cache<Address, Mappings> stored = JpaLookupCache.create(100_000);

    @Override
    protected Mappings mapAddress(String user, Domain domain) throws RecipientRewriteTableException {
        Address address = new Address(user, domain);
        Mappings cached = stored.getIfPresent(address);
        if (cached != null) {
            return cached;
        }
        Mappings mappings = super.mapAddress(user, domain);
        stored.put(address, mappings);
        return mappings;
    }

    // An address's answer also holds its domain's and the wildcard's mappings: a change may touch any entry.
    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        try {
            super.addMapping(source, mapping);
        } finally {
            stored.invalidateAll();
        }
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        try {
            super.removeMapping(source, mapping);
        } finally {
            stored.invalidateAll();
        }
    }
}
