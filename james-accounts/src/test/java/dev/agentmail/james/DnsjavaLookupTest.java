package dev.agentmail.james;

import dev.agentmail.domain.port.DnsLookup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsjavaLookupTest {
    private LoopbackDnsServer dns;
    private DnsjavaLookup lookup;

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDnsServer();
        lookup = DnsjavaLookup.uncached(Optional.of(dns.address()));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void mxAndTxtRecordsComeFromTheConfiguredServer() {
        dns.addMx("example.test", 10, "mx.agentmail.test").addMx("example.test", 20, "backup.example.test")
            .addTxt("example.test", "v=spf1 include:_spf.agentmail.test ~all").addTxt("example.test", "other");

        assertThat(lookup.mx("example.test")).containsExactlyInAnyOrder(new DnsLookup.Mx("mx.agentmail.test", 10),
            new DnsLookup.Mx("backup.example.test", 20));
        assertThat(lookup.txt("example.test.")).containsExactlyInAnyOrder("v=spf1 include:_spf.agentmail.test ~all", "other");
    }

    @Test
    void aLongTxtRecordSplitIntoStringsIsReadWhole() {
        String dkim = "v=DKIM1; k=rsa; p=" + "A".repeat(392);
        dns.addTxt("dkim._domainkey.example.test", dkim);

        assertThat(lookup.txt("dkim._domainkey.example.test")).containsExactly(dkim);
    }

    @Test
    void unknownNamesAndTypesAreEmptyAndChangesAreSeenAtOnce() {
        dns.addTxt("example.test", "v=spf1 -all");
        assertThat(lookup.mx("example.test")).isEmpty();
        assertThat(lookup.txt("unknown.test")).isEmpty();
        assertThat(lookup.txt("example.test")).containsExactly("v=spf1 -all");

        dns.remove("example.test").addTxt("example.test", "v=spf1 include:_spf.agentmail.test ~all");
        assertThat(lookup.txt("example.test")).containsExactly("v=spf1 include:_spf.agentmail.test ~all");
    }

    @Test
    void theCachingLookupKeepsAnAnswerForItsTtlAndAsksAgainForNamesItHadNone() {
        DnsjavaLookup caching = DnsjavaLookup.caching(Optional.of(dns.address()));
        dns.addTxt("_dmarc.example.test", "v=DMARC1; p=reject");
        assertThat(caching.txt("_dmarc.example.test")).containsExactly("v=DMARC1; p=reject");
        assertThat(caching.txt("_dmarc.other.test")).isEmpty();

        dns.remove("_dmarc.example.test").addTxt("_dmarc.other.test", "v=DMARC1; p=none");

        assertThat(caching.txt("_dmarc.example.test")).containsExactly("v=DMARC1; p=reject");
        // The server's NXDOMAIN carried no SOA, so it was not cached (RFC 2308).
        assertThat(caching.txt("_dmarc.other.test")).containsExactly("v=DMARC1; p=none");
        assertThat(lookup.txt("_dmarc.example.test")).isEmpty();
    }

    @Test
    void theCachingLookupKeepsANegativeAnswerThatCarriesItsZonesSoa() {
        DnsjavaLookup caching = DnsjavaLookup.caching(Optional.of(dns.address()));
        dns.negativeAnswersKeptFor(60).addTxt("example.test", "v=spf1 -all");
        assertThat(caching.txt("_dmarc.example.test")).isEmpty();
        assertThat(caching.mx("example.test")).isEmpty();

        dns.addTxt("_dmarc.example.test", "v=DMARC1; p=reject").addMx("example.test", 10, "mx.example.test");

        assertThat(caching.txt("_dmarc.example.test")).isEmpty();
        assertThat(caching.mx("example.test")).isEmpty();
        assertThat(lookup.txt("_dmarc.example.test")).containsExactly("v=DMARC1; p=reject");
    }

    @Test
    void lookupsDoNotStartAThreadEach() {
        dns.addTxt("example.test", "v=spf1 -all");
        lookup.txt("example.test");
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

        for (int i = 0; i < 50; i++) {
            assertThat(lookup.txt("example.test")).containsExactly("v=spf1 -all");
        }

        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - started).isLessThan(10);
    }

    @Test
    void aResolverThatDoesNotAnswerIsUnavailableNotEmpty() throws Exception {
        InetSocketAddress silent;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            silent = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }
        DnsjavaLookup nowhere = DnsjavaLookup.uncached(Optional.of(silent));

        assertThatThrownBy(() -> nowhere.txt("example.test")).isInstanceOf(DnsLookup.UnavailableException.class);
    }
}
