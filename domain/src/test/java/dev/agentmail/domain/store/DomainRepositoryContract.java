package dev.agentmail.domain.store;

import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.model.DkimKey;
import dev.agentmail.domain.model.DnsRecord;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every DomainRepository backend must do; each backend's test implements the factory method, which must hand
 * out repositories over one store that starts empty for each test.
 */
public interface DomainRepositoryContract {
    DomainRepository domainRepository();

    /** created_at and updated_at differ, so that a backend swapping them fails. */
    static Domain domain(String name, String organizationId, long createdAtMillis) {
        Instant at = Instant.ofEpochMilli(createdAtMillis);
        return new Domain(name, organizationId, Domain.Status.PENDING, true, records(name, DnsRecord.Status.MISSING),
            new DkimKey("dkim", "PUBLIC-" + name, "PRIVATE-" + name), at, at.plusMillis(3));
    }

    static List<DnsRecord> records(String name, DnsRecord.Status status) {
        return List.of(
            new DnsRecord(DnsRecord.Type.MX, name, "mx.agentmail.test", Optional.of(10), status),
            new DnsRecord(DnsRecord.Type.TXT, name, "v=spf1 include:_spf.agentmail.test ~all", Optional.empty(), status),
            new DnsRecord(DnsRecord.Type.TXT, "_dmarc." + name, "v=DMARC1; p=none; rua=mailto:\"x\"@example.com",
                Optional.empty(), status));
    }

    @Test
    default void createdDomainsAreFoundWithEveryField() {
        Domain full = domain("example.com", "org_1", 1_700_000_000_001L);
        Domain other = new Domain("xn--bcher-kva.example", "org_1", Domain.Status.VERIFIED, false,
            List.of(new DnsRecord(DnsRecord.Type.TXT, "dkim._domainkey.xn--bcher-kva.example", "v=DKIM1; p=" + "A".repeat(400),
                Optional.empty(), DnsRecord.Status.INVALID)),
            new DkimKey("s2024", "B".repeat(392), "C".repeat(1700)), Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000));
        domainRepository().create(full);
        domainRepository().create(other);

        assertThat(domainRepository().find("example.com")).contains(full);
        assertThat(domainRepository().find("org_1", "example.com")).contains(full);
        assertThat(domainRepository().find("xn--bcher-kva.example")).contains(other);
    }

    @Test
    default void anotherOrganizationDoesNotSeeTheDomainButFindByNameDoes() {
        Domain domain = domain("example.com", "org_1", 1_000);
        domainRepository().create(domain);

        assertThat(domainRepository().find("org_2", "example.com")).isEmpty();
        assertThat(domainRepository().list("org_2", PageRequest.first()).data()).isEmpty();
        assertThat(domainRepository().count("org_2")).isZero();
        assertThat(domainRepository().delete("org_2", "example.com")).isFalse();
        assertThat(domainRepository().find("example.com")).contains(domain);
        assertThat(domainRepository().find("unknown.com")).isEmpty();
    }

    @Test
    default void aDomainNameIsUniqueOnThePlatform() {
        domainRepository().create(domain("example.com", "org_1", 1_000));

        assertThatThrownBy(() -> domainRepository().create(domain("example.com", "org_2", 2_000)))
            .isInstanceOf(DomainTakenException.class).isInstanceOf(ConflictException.class);
        assertThat(domainRepository().count("org_2")).isZero();
    }

    @Test
    default void concurrentAdditionsOfOneNameLetExactlyOneWin() throws Exception {
        int contenders = 6;
        CyclicBarrier start = new CyclicBarrier(contenders);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String organization = "org_" + i;
                Callable<Boolean> attempt = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        domainRepository().create(domain("race.example", organization, 1_000));
                        return true;
                    } catch (DomainTakenException e) {
                        return false;
                    }
                };
                results.add(pool.submit(attempt));
            }
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void domainsAreListedNewestFirstWithPagesAndTotal() {
        domainRepository().create(domain("a.example", "org_1", 1_000));
        domainRepository().create(domain("b.example", "org_1", 3_000));
        domainRepository().create(domain("c.example", "org_1", 2_000));
        domainRepository().create(domain("d.example", "org_2", 4_000));

        Page<Domain> first = domainRepository().list("org_1", new PageRequest(1, 2));
        assertThat(first.data()).extracting(Domain::name).containsExactly("b.example", "c.example");
        assertThat(first.total()).isEqualTo(3);
        assertThat(domainRepository().list("org_1", new PageRequest(2, 2)).data()).extracting(Domain::name)
            .containsExactly("a.example");
        assertThat(domainRepository().count("org_1")).isEqualTo(3);
    }

    @Test
    default void aVerificationIsStoredOnlyFromTheExpectedStatus() {
        Domain domain = domain("example.com", "org_1", 1_000);
        domainRepository().create(domain);
        Domain verified = domain.withVerification(Domain.Status.VERIFIED, records("example.com", DnsRecord.Status.VALID),
            Instant.ofEpochMilli(9_000));

        assertThat(domainRepository().updateVerification(verified, Domain.Status.VERIFIED, Instant.ofEpochMilli(9_000)))
            .as("the stored status is PENDING").isFalse();
        assertThat(domainRepository().find("example.com")).contains(domain);

        assertThat(domainRepository().updateVerification(verified, Domain.Status.PENDING, Instant.ofEpochMilli(9_000)))
            .isTrue();
        assertThat(domainRepository().find("org_1", "example.com")).contains(verified);
        assertThat(domainRepository().updateVerification(verified, Domain.Status.PENDING, Instant.ofEpochMilli(9_500)))
            .as("a second PENDING to VERIFIED").isFalse();
    }

    @Test
    default void pendingDomainsComeLongestUncheckedFirst() {
        domainRepository().create(domain("a.example", "org_1", 1_000));
        domainRepository().create(domain("b.example", "org_2", 2_000));
        domainRepository().create(domain("c.example", "org_1", 3_000));
        Domain a = domainRepository().find("a.example").orElseThrow();
        domainRepository().updateVerification(a, Domain.Status.PENDING, Instant.ofEpochMilli(10_000));
        Domain c = domainRepository().find("c.example").orElseThrow();
        domainRepository().updateVerification(c.withVerification(Domain.Status.VERIFIED, c.records(), c.updatedAt()),
            Domain.Status.PENDING, Instant.ofEpochMilli(10_000));

        assertThat(domainRepository().findPending(10)).extracting(Domain::name).containsExactly("b.example", "a.example");
        assertThat(domainRepository().findPending(1)).extracting(Domain::name).containsExactly("b.example");
    }

    @Test
    default void deletingADomainRemovesItOnceAndFreesTheName() {
        domainRepository().create(domain("example.com", "org_1", 1_000));

        assertThat(domainRepository().delete("org_1", "example.com")).isTrue();
        assertThat(domainRepository().delete("org_1", "example.com")).isFalse();
        assertThat(domainRepository().find("example.com")).isEmpty();
        domainRepository().create(domain("example.com", "org_2", 2_000));
        assertThat(domainRepository().find("org_2", "example.com")).isPresent();
    }
}
