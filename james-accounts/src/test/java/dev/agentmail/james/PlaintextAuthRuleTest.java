package dev.agentmail.james;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlaintextAuthRuleTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void byDefaultOnlyLoopbackMaySendAPasswordInClear() throws Exception {
        PlaintextAuthRule rule = PlaintextAuthRule.of(Optional.empty());
        InetAddress remote = InetAddress.getByName("192.0.2.10");

        assertThat(rule.permits(false, LOOPBACK)).isTrue();
        assertThat(rule.permits(false, InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(rule.permits(false, InetAddress.getByName("::1"))).isTrue();
        assertThat(rule.permits(false, remote)).isFalse();
        assertThat(rule.permits(true, remote)).isTrue();
    }

    @Test
    void theSettingOpensOrClosesClearTextEverywhere() throws Exception {
        InetAddress remote = InetAddress.getByName("192.0.2.10");

        assertThat(PlaintextAuthRule.of(Optional.of(true)).permits(false, remote)).isTrue();
        assertThat(PlaintextAuthRule.of(Optional.of(false)).permits(false, LOOPBACK)).isFalse();
        assertThat(PlaintextAuthRule.of(Optional.of(false)).permits(true, LOOPBACK)).isTrue();
    }

    @Test
    void textualAddressesAreReadAsLiteralsAndAnUnknownClientIsNotTrusted() {
        PlaintextAuthRule rule = PlaintextAuthRule.of(Optional.empty());

        assertThat(rule.permits(false, Optional.of("127.0.0.1"))).isTrue();
        assertThat(rule.permits(false, Optional.of("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(rule.permits(false, Optional.of("203.0.113.5"))).isFalse();
        assertThat(rule.permits(false, Optional.of("localhost"))).isFalse();
        assertThat(rule.permits(false, Optional.empty())).isFalse();
    }
}
