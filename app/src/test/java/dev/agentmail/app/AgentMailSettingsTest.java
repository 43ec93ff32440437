package dev.agentmail.app;

import dev.agentmail.domain.model.SendLimit;
import dev.agentmail.domain.service.SendLimitSettings;
import dev.agentmail.mailets.inbound.InboundDmarc;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentMailSettingsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        AgentMailSettings settings = AgentMailSettings.fromEnvironment(Map.of());

        assertThat(settings.storage()).isInstanceOf(StorageProfile.Embedded.class);
        assertThat(settings.api().port()).isEqualTo(8080);
        assertThat(settings.api().publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(settings.james().smtpPort()).isEqualTo(2525);
        assertThat(settings.james().adminPort()).isEqualTo(8000);
        assertThat(settings.platform().domain()).isEqualTo("agentmail.localhost");
        assertThat(settings.domains().spfInclude()).isEqualTo("_spf.agentmail.localhost");
        assertThat(settings.housekeeping().expiryCheck()).hasSeconds(30);
        assertThat(settings.bootstrap().chosenKey()).isEmpty();
        assertThat(settings.inbound().dmarc()).isEqualTo(InboundDmarc.MONITOR);
    }

    @Test
    void inboundDmarcIsMonitorOrEnforce() {
        assertThat(AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_INBOUND_DMARC", " Enforce ")).inbound().dmarc())
            .isEqualTo(InboundDmarc.ENFORCE);
        assertThat(AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_INBOUND_DMARC", "monitor")).inbound().dmarc())
            .isEqualTo(InboundDmarc.MONITOR);
    }

    @Test
    void eachModeHasOneName() {
        assertThat(AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_STORAGE", "memory")).storage().name())
            .isEqualTo("memory");
        assertThat(AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_DB_URL", "jdbc:postgresql://db/agentmail"))
            .storage()).isInstanceOf(StorageProfile.Postgres.class);
        assertThat(AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_STORAGE", "postgres",
            "AGENTMAIL_DB_URL", "jdbc:postgresql://db/agentmail")).storage().name()).isEqualTo("postgres");
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_STORAGE", "postgres")))
            .hasMessageContaining("AGENTMAIL_DB_URL");
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_STORAGE", "postgresql")))
            .hasMessageStartingWith("AGENTMAIL_STORAGE");
    }

    @Test
    void aBadValueIsNamed() {
        for (String name : new String[] {"AGENTMAIL_API_PORT", "AGENTMAIL_INBOX_LIMIT", "AGENTMAIL_EXPIRY_CHECK_SECONDS",
            "AGENTMAIL_ALLOW_PRIVATE_TARGETS", "AGENTMAIL_SMTP_RELAY", "AGENTMAIL_WEBHOOK_RETRY_SCHEDULE",
            "AGENTMAIL_MX_HOST", "AGENTMAIL_DKIM_SELECTOR", "AGENTMAIL_DMARC_RUA", "AGENTMAIL_INBOUND_DMARC",
            "AGENTMAIL_SEND_LIMITS", "AGENTMAIL_THREAD_SEND_LIMIT"}) {
            assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of(name, "not valid!")))
                .hasMessageStartingWith(name);
        }
    }

    @Test
    void sendingLimitsComeFromTheirTwoVariables() {
        assertThat(AgentMailSettings.fromEnvironment(Map.of()).limits().sending()).isEqualTo(SendLimitSettings.standard());
        SendLimitSettings sending = AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SEND_LIMITS", "inbox:5/m;org:0/d",
            "AGENTMAIL_THREAD_SEND_LIMIT", "3")).limits().sending();
        assertThat(sending.defaults()).containsEntry(SendLimit.INBOX_PER_MINUTE, 5)
            .containsEntry(SendLimit.ORGANIZATION_PER_DAY, 0).containsEntry(SendLimit.THREAD_PER_HOUR, 3);
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SEND_LIMITS", "inbox:5/w")))
            .hasMessage("AGENTMAIL_SEND_LIMITS: '5/w' is not a limit like 60/m, 500/h or 2000/d (a whole number of"
                + " recipients per minute, hour or day; 0 for none)");
    }

    @Test
    void aRelayRequiresStartTlsUnlessToldOtherwiseAndTakesALoginOnlyOverTls() {
        assertThat(AgentMailSettings.fromEnvironment(Map.of()).james().relay()).isEmpty();
        RelaySettings relay = AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SMTP_RELAY", "smtp.example.net:587",
            "AGENTMAIL_SMTP_RELAY_USER", "agents@example.net", "AGENTMAIL_SMTP_RELAY_PASSWORD", "relay-secret"))
            .james().relay().orElseThrow();
        assertThat(relay.tls()).isEqualTo(RelaySettings.Tls.STARTTLS);
        assertThat(relay.user()).contains("agents@example.net");
        assertThat(relay.password().orElseThrow().value()).isEqualTo("relay-secret");
        assertThat(AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SMTP_RELAY", "smtp.example.net:465",
            "AGENTMAIL_SMTP_RELAY_TLS", " Implicit ")).james().relay().orElseThrow().tls())
            .isEqualTo(RelaySettings.Tls.IMPLICIT);
        assertThat(AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SMTP_RELAY", "127.0.0.1:25",
            "AGENTMAIL_SMTP_RELAY_TLS", "none", "AGENTMAIL_SMTP_RELAY_USER", "u", "AGENTMAIL_SMTP_RELAY_PASSWORD", "p"))
            .james().relay().orElseThrow().tls()).as("a password in clear to loopback").isEqualTo(RelaySettings.Tls.NONE);
    }

    @Test
    void aRelayMisconfigurationStopsStartUpSayingWhy() {
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SMTP_RELAY", "smtp.example.net:587",
            "AGENTMAIL_SMTP_RELAY_TLS", "ssl")))
            .hasMessage("AGENTMAIL_SMTP_RELAY_TLS: must be starttls, implicit or none, got 'ssl'");
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SMTP_RELAY", "smtp.example.net:587",
            "AGENTMAIL_SMTP_RELAY_USER", "agents@example.net")))
            .hasMessageStartingWith("AGENTMAIL_SMTP_RELAY_USER and AGENTMAIL_SMTP_RELAY_PASSWORD go together");
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SMTP_RELAY", "smtp.example.net:25",
            "AGENTMAIL_SMTP_RELAY_TLS", "none", "AGENTMAIL_SMTP_RELAY_USER", "u",
            "AGENTMAIL_SMTP_RELAY_PASSWORD", "relay-secret")))
            .hasMessageStartingWith("AGENTMAIL_SMTP_RELAY_TLS is none, so AGENTMAIL_SMTP_RELAY_PASSWORD would cross the "
                + "network in clear to smtp.example.net")
            .message().doesNotContain("relay-secret");
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_SMTP_RELAY", "203.0.113.9:587")))
            .hasMessageStartingWith("AGENTMAIL_SMTP_RELAY is the address 203.0.113.9, but with TLS the relay's "
                + "certificate is checked against its name");
        for (String name : new String[] {"AGENTMAIL_SMTP_RELAY_USER", "AGENTMAIL_SMTP_RELAY_PASSWORD",
            "AGENTMAIL_SMTP_RELAY_TLS"}) {
            assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of(name, "starttls")))
                .hasMessage(name + " is set but AGENTMAIL_SMTP_RELAY is not: without a relay, mail goes to each "
                    + "recipient's MX");
        }
    }

    @Test
    void noSettingsRecordPrintsASecret() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_BOOTSTRAP_KEY", "inai_bootstrap_secret_0123456789");
        env.put("AGENTMAIL_DB_URL", "jdbc:postgresql://db/agentmail");
        env.put("AGENTMAIL_DB_PASSWORD", "database-secret");
        env.put("AGENTMAIL_SMTP_RELAY", "smtp.example.net:587");
        env.put("AGENTMAIL_SMTP_RELAY_USER", "agents@example.net");
        env.put("AGENTMAIL_SMTP_RELAY_PASSWORD", "relay-secret");
        AgentMailSettings postgres = AgentMailSettings.fromEnvironment(env);

        env.remove("AGENTMAIL_DB_URL");
        env.put("AGENTMAIL_STORAGE", "distributed");
        env.put("AGENTMAIL_CASSANDRA_HOSTS", "cassandra");
        env.put("AGENTMAIL_OPENSEARCH_URL", "http://search:9200");
        env.put("AGENTMAIL_OPENSEARCH_USER", "search");
        env.put("AGENTMAIL_OPENSEARCH_PASSWORD", "opensearch-secret");
        env.put("AGENTMAIL_RABBITMQ_URI", "amqp://mail:rabbit-secret@broker:5672/agents");
        env.put("AGENTMAIL_RABBITMQ_MANAGEMENT_URL", "http://admin:management-secret@broker:15672");
        env.put("AGENTMAIL_SECRET_KEY_FILE", "/etc/agentmail/secret.key");
        AgentMailSettings distributed = AgentMailSettings.fromEnvironment(env);
        ClusterSettings cluster = ((StorageProfile.Distributed) distributed.storage()).cluster();

        for (Object settings : new Object[] {postgres, distributed, cluster, cluster.james(), cluster.openSearch()}) {
            assertThat(settings.toString()).doesNotContain("bootstrap_secret", "database-secret", "opensearch-secret",
                "rabbit-secret", "management-secret", "relay-secret");
        }
        assertThat(distributed.toString()).contains("broker:5672/agents", "search:9200");
    }

    @Test
    void everyNodeOfADistributedDeploymentIsGivenTheSameSecretKeyFile() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_STORAGE", "distributed");
        env.put("AGENTMAIL_CASSANDRA_HOSTS", "cassandra");
        env.put("AGENTMAIL_OPENSEARCH_URL", "http://search:9200");
        env.put("AGENTMAIL_RABBITMQ_URI", "amqp://mail:secret@broker:5672/agents");

        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(env))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("AGENTMAIL_SECRET_KEY_FILE is needed with AGENTMAIL_STORAGE=distributed");

        env.put("AGENTMAIL_SECRET_KEY_FILE", "/etc/agentmail/secret.key");
        assertThat(AgentMailSettings.fromEnvironment(env).secrets().keyFile()).contains(Path.of("/etc/agentmail/secret.key"));
        assertThat(AgentMailSettings.fromEnvironment(Map.of()).secrets().keyFile()).isEmpty();
    }
}
