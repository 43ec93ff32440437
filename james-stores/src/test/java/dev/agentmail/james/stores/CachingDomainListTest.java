package dev.agentmail.james.stores;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CachingDomainListTest {
    private static final Domain OURS = Domain.of("ours.example");
    private static final Domain NEW = Domain.of("new.example");

    /** James's own in-memory list, counting the lookups that reach it. */
    private static final class CountingDomainList extends MemoryDomainList {
        final AtomicInteger lookups = new AtomicInteger();

        CountingDomainList() {
            super(null); // no DNS: domains are not detected from the host (autodetect is off below)
        }

        @Override
        protected boolean containsDomainInternal(Domain domain) {
            lookups.incrementAndGet();
            return super.containsDomainInternal(domain);
        }
    }

    private CountingDomainList stored;
    private CachingDomainList domains;

    @BeforeEach
    void setUp() throws Exception {
        stored = new CountingDomainList();
        stored.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false)
            .defaultDomain(OURS).addConfiguredDomain(OURS));
        stored.lookups.set(0);
        domains = new CachingDomainList(stored);
    }

    @Test
    void repeatedLookupsAreAnsweredWithoutAskingTheStore() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(domains.containsDomain(OURS)).isTrue();
            assertThat(domains.containsDomain(NEW)).isFalse();
        }
        assertThat(stored.lookups).hasValue(2);
    }

    @Test
    void aDomainAddedOrRemovedThroughItIsSeenAtOnce() throws Exception {
        assertThat(domains.containsDomain(NEW)).isFalse();

        domains.addDomain(NEW);
        assertThat(domains.containsDomain(NEW)).isTrue();
        assertThat(domains.getDomains()).contains(NEW);

        domains.removeDomain(NEW);
        assertThat(domains.containsDomain(NEW)).isFalse();
        assertThat(domains.getDomains()).doesNotContain(NEW);
    }
}
