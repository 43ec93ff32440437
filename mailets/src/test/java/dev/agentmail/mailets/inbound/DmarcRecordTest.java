package dev.agentmail.mailets.inbound;

import dev.agentmail.mailets.inbound.DmarcRecord.Disposition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DmarcRecordTest {
    @Test
    void readsPolicySubdomainPolicyAlignmentAndPercent() {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=r; pct=20; rua=mailto:d@x.test")
            .orElseThrow();
        assertThat(record.policyFor(false)).isEqualTo(Disposition.QUARANTINE);
        assertThat(record.policyFor(true)).isEqualTo(Disposition.REJECT);
        assertThat(record.strictDkim()).isTrue();
        assertThat(record.strictSpf()).isFalse();
        assertThat(record.percent()).isEqualTo(20);
    }

    @Test
    void withoutSpTheSubdomainsGetPAndDefaultsAreRelaxedAndAll() {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1;p=reject").orElseThrow();
        assertThat(record.policyFor(true)).isEqualTo(Disposition.REJECT);
        assertThat(record.strictDkim()).isFalse();
        assertThat(record.percent()).isEqualTo(100);
    }

    @Test
    void whatIsNotADmarcRecordIsNone() {
        assertThat(DmarcRecord.parse("v=spf1 -all")).isEmpty();
        assertThat(DmarcRecord.parse("v=DMARC1; rua=mailto:d@x.test")).isEmpty();
        assertThat(DmarcRecord.parse("v=DMARC1; p=maybe")).isEmpty();
        assertThat(DmarcRecord.parse("p=reject; v=DMARC1")).isEmpty();
    }

    @Test
    void outsidePctTheNextMilderPolicyApplies() {
        assertThat(Disposition.REJECT.milder()).isEqualTo(Disposition.QUARANTINE);
        assertThat(Disposition.QUARANTINE.milder()).isEqualTo(Disposition.NONE);
    }
}
