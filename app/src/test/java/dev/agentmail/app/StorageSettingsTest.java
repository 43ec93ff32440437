package dev.agentmail.app;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageSettingsTest {
    private static Map<String, String> distributed() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_STORAGE", "distributed");
        env.put("AGENTMAIL_CASSANDRA_HOSTS", "cassandra-1:9142, cassandra-2");
        env.put("AGENTMAIL_OPENSEARCH_URL", "http://search:9200");
        env.put("AGENTMAIL_RABBITMQ_URI", "amqp://mail:secret@broker:5672/agents");
        return env;
    }

    private static StorageProfile<?> storage(Map<String, String> env) {
        return StorageProfile.choose(new EnvironmentSettings(env), Path.of("/tmp/agentmail-test"));
    }

    private static ClusterSettings cluster(Map<String, String> env) {
        return ((StorageProfile.Distributed) storage(env)).cluster();
    }

    @Test
    void distributedReadsTheClusterSettingsWithTheirDefaults() {
        ClusterSettings cluster = cluster(distributed());

        assertThat(storage(distributed())).isInstanceOf(StorageProfile.Distributed.class);
        assertThat(cluster.cassandraHosts()).containsExactly(InetSocketAddress.createUnresolved("cassandra-1", 9142),
            InetSocketAddress.createUnresolved("cassandra-2", 9042));
        assertThat(cluster.keyspace()).isEqualTo("agentmail");
        assertThat(cluster.datacenter()).isEqualTo("datacenter1");
        assertThat(cluster.replicationFactor()).isEqualTo(1);
        assertThat(cluster.openSearch().hosts()).containsExactly(URI.create("http://search:9200"));
        assertThat(cluster.openSearch().indexPrefix()).isEqualTo("agentmail_");
        assertThat(cluster.james().jamesKeyspace()).isEqualTo("agentmail_james");
        assertThat(cluster.james().rabbitMqManagementUri()).isEqualTo(URI.create("http://broker:15672"));
        assertThat(cluster.james().rabbitMqManagementUser()).isEqualTo("mail");
    }

    @Test
    void theKeyspaceNamesTheIndexAndTheManagementUrlCanBeGiven() {
        Map<String, String> env = distributed();
        env.put("AGENTMAIL_CASSANDRA_KEYSPACE", "Tenant_a");
        env.put("AGENTMAIL_CASSANDRA_REPLICATION", "3");
        env.put("AGENTMAIL_RABBITMQ_MANAGEMENT_URL", "https://broker-admin:443");

        ClusterSettings cluster = cluster(env);

        assertThat(cluster.keyspace()).isEqualTo("tenant_a");
        assertThat(cluster.replicationFactor()).isEqualTo(3);
        assertThat(cluster.openSearch().indexPrefix()).isEqualTo("tenant_a_");
        assertThat(cluster.james().rabbitMqManagementUri()).isEqualTo(URI.create("https://broker-admin:443"));
    }

    @Test
    void everyMissingOrMalformedSettingIsNamed() {
        for (String required : List.of("AGENTMAIL_CASSANDRA_HOSTS", "AGENTMAIL_OPENSEARCH_URL", "AGENTMAIL_RABBITMQ_URI")) {
            Map<String, String> env = distributed();
            env.remove(required);
            assertThatThrownBy(() -> storage(env)).hasMessageContaining(required);
        }
        Map<String, String> env = distributed();
        env.put("AGENTMAIL_RABBITMQ_URI", "http://broker:5672");
        assertThatThrownBy(() -> storage(env)).hasMessageContaining("AGENTMAIL_RABBITMQ_URI");
        env.put("AGENTMAIL_RABBITMQ_URI", "amqp://broker");
        env.put("AGENTMAIL_OPENSEARCH_URL", "search:9200");
        assertThatThrownBy(() -> storage(env)).hasMessageContaining("AGENTMAIL_OPENSEARCH");
        env.put("AGENTMAIL_OPENSEARCH_URL", "http://search:9200");
        env.put("AGENTMAIL_CASSANDRA_KEYSPACE", "bad-name");
        assertThatThrownBy(() -> storage(env)).hasMessageContaining("AGENTMAIL_CASSANDRA");
        env.put("AGENTMAIL_CASSANDRA_KEYSPACE", "k".repeat(45));
        assertThatThrownBy(() -> storage(env)).hasMessageContaining("AGENTMAIL_CASSANDRA_KEYSPACE");
        env.remove("AGENTMAIL_CASSANDRA_KEYSPACE");
        env.put("AGENTMAIL_CASSANDRA_REPLICATION", "three");
        assertThatThrownBy(() -> storage(env)).hasMessageContaining("AGENTMAIL_CASSANDRA_REPLICATION");
    }

    @Test
    void aDatabaseUrlDoesNotGoWithTheDistributedProfile() {
        Map<String, String> env = distributed();
        env.put("AGENTMAIL_DB_URL", "jdbc:postgresql://db/agentmail");

        assertThatThrownBy(() -> storage(env)).hasMessageContaining("AGENTMAIL_DB_URL");
    }
}
