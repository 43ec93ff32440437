package dev.agentmail.james;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResolverDnsServiceTest {
    private LoopbackDnsServer dns;
    private ResolverDnsService service;

    private static Name name(String value) throws Exception {
        return Name.fromString(value + ".");
    }

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDnsServer()
            .add(new MXRecord(name("example.test"), DClass.IN, 60, 20, name("backup.example.test")))
            .add(new MXRecord(name("example.test"), DClass.IN, 60, 10, name("mx.example.test")))
            .add(new ARecord(name("mx.example.test"), DClass.IN, 60, InetAddress.getByName("127.0.0.2")))
            .add(new ARecord(name("nomx.test"), DClass.IN, 60, InetAddress.getByName("127.0.0.3")))
            .add(new TXTRecord(name("example.test"), DClass.IN, 60, "v=spf1 -all"));
        service = new ResolverDnsService(dns.address());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void mxHostsComeInOrderOfPreferenceFromTheConfiguredServer() throws Exception {
        assertThat(service.findMXRecords("example.test")).containsExactly("mx.example.test", "backup.example.test");
        assertThat(service.getByName("mx.example.test")).isEqualTo(InetAddress.getByName("127.0.0.2"));
    }

    @Test
    void aDomainWithoutMxIsItsOwnMailHostAndAnUnknownOneHasNone() throws Exception {
        assertThat(service.findMXRecords("nomx.test")).containsExactly("nomx.test");
        assertThat(service.findMXRecords("unknown.test")).isEmpty();
        assertThatThrownBy(() -> service.getAllByName("unknown.test")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void txtRecordsAndLiteralsAreAnswered() throws Exception {
        assertThat(service.findTXTRecords("example.test")).containsExactly("v=spf1 -all");
        assertThat(service.getByName("10.1.2.3")).isEqualTo(InetAddress.getByName("10.1.2.3"));
    }
}
