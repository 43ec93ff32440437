package dev.agentmail.app;

import dev.agentmail.james.distributed.DistributedJamesConfiguration;
import dev.agentmail.store.cassandra.CassandraConfiguration;
import dev.agentmail.store.opensearch.OpenSearchConfiguration;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a distributed deployment keeps everything: the Cassandra cluster (our keyspace, and James's beside it with
 * the suffix {@code _james}), the OpenSearch cluster that lists and searches messages (index
 * {@code <keyspace>_messages}), and the RabbitMQ broker of the
 * mail spool, the mailbox events and the nodes' event notices.
 */
public record ClusterSettings(List<InetSocketAddress> cassandraHosts, String keyspace, String datacenter,
                              int replicationFactor, OpenSearchConfiguration openSearch, URI rabbitMqUri,
                              Optional<URI> rabbitMqManagementUrl) {
    private static final String NEEDED = "with AGENTMAIL_STORAGE=distributed";
    /** Ours, so that James's, with its suffix, still fits Cassandra's limit. */
    static final int MAX_KEYSPACE_LENGTH = CassandraConfiguration.MAX_KEYSPACE_LENGTH
        - DistributedJamesConfiguration.JAMES_KEYSPACE_SUFFIX.length();

    /** Reads the AGENTMAIL_CASSANDRA_*, AGENTMAIL_OPENSEARCH_* and AGENTMAIL_RABBITMQ_* settings. */
    static ClusterSettings read(EnvironmentSettings env) {
        String keyspace = env.text("AGENTMAIL_CASSANDRA_KEYSPACE", "agentmail").toLowerCase(Locale.ROOT);
        if (!CassandraConfiguration.isKeyspaceName(keyspace + DistributedJamesConfiguration.JAMES_KEYSPACE_SUFFIX)) {
            throw new IllegalArgumentException("AGENTMAIL_CASSANDRA_KEYSPACE must be lower-case letters, digits and _, "
                + "starting with a letter, at most " + MAX_KEYSPACE_LENGTH + ", got '" + keyspace + "'");
        }
        String datacenter = env.text("AGENTMAIL_CASSANDRA_DATACENTER", CassandraConfiguration.DEFAULT_DATACENTER);
        int replication = env.integer("AGENTMAIL_CASSANDRA_REPLICATION", 1, 1, Integer.MAX_VALUE);
        CassandraConfiguration cassandra = EnvironmentSettings.parse("AGENTMAIL_CASSANDRA_HOSTS",
            env.required("AGENTMAIL_CASSANDRA_HOSTS", NEEDED), hosts -> new CassandraConfiguration(
                CassandraConfiguration.parseHosts(hosts), keyspace, datacenter, replication));
        Optional<String> user = env.optional("AGENTMAIL_OPENSEARCH_USER");
        Optional<String> password = env.secret("AGENTMAIL_OPENSEARCH_PASSWORD").map(Secret::value);
        // The index is named after the keyspace: one deployment's messages, whatever else shares the cluster.
        OpenSearchConfiguration openSearch = EnvironmentSettings.parse("AGENTMAIL_OPENSEARCH_URL",
            env.required("AGENTMAIL_OPENSEARCH_URL", NEEDED), urls -> new OpenSearchConfiguration(
                OpenSearchConfiguration.parseHosts(urls), keyspace + "_", user, password));
        env.required("AGENTMAIL_RABBITMQ_URI", NEEDED);
        return new ClusterSettings(cassandra.contactPoints(), keyspace, cassandra.localDatacenter(),
            cassandra.replicationFactor(), openSearch, env.url("AGENTMAIL_RABBITMQ_URI", "amqp", "amqps").orElseThrow(),
            env.url("AGENTMAIL_RABBITMQ_MANAGEMENT_URL", "http", "https"));
    }

    CassandraConfiguration cassandra() {
        return new CassandraConfiguration(cassandraHosts, keyspace, datacenter, replicationFactor);
    }

    /** James's side: its keyspace beside ours, the spool and mailbox events on the same broker. */
    DistributedJamesConfiguration james() {
        DistributedJamesConfiguration james = DistributedJamesConfiguration.of(cassandraHosts, keyspace, datacenter,
            replicationFactor, rabbitMqUri);
        return rabbitMqManagementUrl
            .map(url -> james.withRabbitMqManagement(url, james.rabbitMqManagementUser(), james.rabbitMqManagementPassword()))
            .orElse(james);
    }

    /** The broker's URI carries its password: logs see the rest. */
    @Override
    public String toString() {
        return "ClusterSettings[cassandraHosts=" + cassandraHosts + ", keyspace=" + keyspace + ", datacenter="
            + datacenter + ", replicationFactor=" + replicationFactor + ", openSearch=" + openSearch + ", rabbitMqUri="
            + DistributedJamesConfiguration.withoutUserInfo(rabbitMqUri) + ", rabbitMqManagementUrl="
            + rabbitMqManagementUrl.map(DistributedJamesConfiguration::withoutUserInfo) + "]";
    }
}
