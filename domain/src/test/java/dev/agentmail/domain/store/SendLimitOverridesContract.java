package dev.agentmail.domain.store;

import dev.agentmail.domain.model.SendLimit;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every SendLimitOverrides backend must do; organizations are new in each test. */
public interface SendLimitOverridesContract {
    SendLimitOverrides sendLimitOverrides();

    @Test
    default void anOrganizationWithoutOverridesHasNone() {
        assertThat(sendLimitOverrides().of("org_" + UUID.randomUUID())).isEmpty();
    }

    @Test
    default void overridesAreReplacedWholeAndKeptPerOrganization() {
        String organization = "org_" + UUID.randomUUID();
        String other = "org_" + UUID.randomUUID();
        sendLimitOverrides().replace(organization, Map.of(SendLimit.INBOX_PER_MINUTE, 5, SendLimit.THREAD_PER_HOUR, 0));
        sendLimitOverrides().replace(other, Map.of(SendLimit.ORGANIZATION_PER_DAY, 9));

        sendLimitOverrides().replace(organization, Map.of(SendLimit.INBOX_PER_HOUR, 7, SendLimit.THREAD_PER_HOUR, 3));

        assertThat(sendLimitOverrides().of(organization))
            .isEqualTo(Map.of(SendLimit.INBOX_PER_HOUR, 7, SendLimit.THREAD_PER_HOUR, 3));
        assertThat(sendLimitOverrides().of(other)).isEqualTo(Map.of(SendLimit.ORGANIZATION_PER_DAY, 9));
    }

    @Test
    default void replacingWithNothingRemovesThem() {
        String organization = "org_" + UUID.randomUUID();
        sendLimitOverrides().replace(organization, Map.of(SendLimit.INBOX_PER_DAY, 1));

        sendLimitOverrides().replace(organization, Map.of());

        assertThat(sendLimitOverrides().of(organization)).isEmpty();
    }
}
