package dev.agentmail.domain.service;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class TargetGuardTest {
    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "::1", "fc00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"}) {
            assertThat(TargetGuard.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700::1111"}) {
            assertThat(TargetGuard.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }
}
