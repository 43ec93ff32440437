package dev.agentmail.domain.service;

import dev.agentmail.domain.model.SendLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendLimitSettingsTest {
    @Test
    void theDefaultsAreDocumented() {
        assertThat(SendLimitSettings.standard().defaults())
            .containsEntry(SendLimit.INBOX_PER_MINUTE, 60).containsEntry(SendLimit.INBOX_PER_HOUR, 500)
            .containsEntry(SendLimit.INBOX_PER_DAY, 2000).containsEntry(SendLimit.ORGANIZATION_PER_MINUTE, 600)
            .containsEntry(SendLimit.ORGANIZATION_PER_HOUR, 5000).containsEntry(SendLimit.ORGANIZATION_PER_DAY, 20000)
            .containsEntry(SendLimit.THREAD_PER_HOUR, 20);
    }

    @Test
    void whatIsLeftOutKeepsItsDefaultAndZeroIsNoLimit() {
        SendLimitSettings settings = SendLimitSettings.parse(" org: 0/d , 7/m ", 3);

        assertThat(settings.defaults()).containsEntry(SendLimit.ORGANIZATION_PER_DAY, 0)
            .containsEntry(SendLimit.ORGANIZATION_PER_MINUTE, 7).containsEntry(SendLimit.ORGANIZATION_PER_HOUR, 5000)
            .containsEntry(SendLimit.INBOX_PER_MINUTE, 60).containsEntry(SendLimit.THREAD_PER_HOUR, 3);
    }

    @Test
    void anythingElseIsRefusedSayingWhy() {
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox:60/s", 20)).hasMessageContaining("'60/s' is not a limit");
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox:60/m,", 20)).hasMessageContaining("'' is not a limit");
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox:-1/m", 20)).hasMessageContaining("is not a limit");
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox:60/m,70/m", 20)).hasMessageContaining("given twice");
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox:1/m;inbox:2/h", 20)).hasMessageContaining("given twice");
        assertThatThrownBy(() -> SendLimitSettings.parse("domain:1/m", 20)).hasMessageContaining("unknown scope 'domain'");
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox 60/m", 20)).hasMessageContaining("is not scope:limits");
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox:60/m;", 20)).hasMessageContaining("is not scope:limits");
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox:9999999999/m", 20)).hasMessageContaining("more than");
        assertThatThrownBy(() -> SendLimitSettings.parse("inbox:1/m", -1)).hasMessageContaining("thread limit");
    }
}
