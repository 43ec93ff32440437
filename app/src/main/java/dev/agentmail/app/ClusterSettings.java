package dev.agentmail.app;

import dev.agentmail.james.distributed.DistributedJamesConfiguration;
import dev.agentmail.store.cassandra.CassandraConfiguration;
import dev.agentmail.store.opensearch.OpenSearchConfiguration;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a distributed deployment keeps everything: the Cassandra cluster (our keyspace, and James's beside it with
 * the suffix {@code _james}), the OpenSearch cluster that lists and searches messages (index
 * {@code <keyspace>_messages}), and the RabbitMQ broker of the
 * mail spool, the mailbox events and the nodes' event notices.
 */
public record ClusterSettings(List<InetSocketAddress> cassandraHosts, String keyspace, String datacenter,
                              int replicationFactor, OpenSearchConfiguration openSearch, URI rabbitMqUri,
                              Optional<URI> rabbitMqManagementUrl) {

    /** Reads the AGENTMAIL_CASSANDRA_*, AGENTMAIL_OPENSEARCH_* and AGENTMAIL_RABBITMQ_* settings. */
    static ClusterSettings from(Function<String, Optional<String>> env) {
        String keyspace = env.apply("AGENTMAIL_CASSANDRA_KEYSPACE").orElse("agentmail").toLowerCase(Locale.ROOT);
        String hosts = required(env, "AGENTMAIL_CASSANDRA_HOSTS");
        CassandraConfiguration cassandra;
        try {
            cassandra = new CassandraConfiguration(CassandraConfiguration.parseHosts(hosts), keyspace,
                env.apply("AGENTMAIL_CASSANDRA_DATACENTER").orElse(CassandraConfiguration.DEFAULT_DATACENTER),
                replication(env));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AGENTMAIL_CASSANDRA_*: " + e.getMessage());
        }
        OpenSearchConfiguration openSearch;
        try {
            // The index is named after the keyspace: one deployment's messages, whatever else shares the cluster.
            openSearch = new OpenSearchConfiguration(
                OpenSearchConfiguration.parseHosts(required(env, "AGENTMAIL_OPENSEARCH_URL")), keyspace + "_",
                env.apply("AGENTMAIL_OPENSEARCH_USER"), env.apply("AGENTMAIL_OPENSEARCH_PASSWORD"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AGENTMAIL_OPENSEARCH_*: " + e.getMessage());
        }
        ClusterSettings settings = new ClusterSettings(cassandra.contactPoints(), cassandra.keyspace(),
            cassandra.localDatacenter(), cassandra.replicationFactor(), openSearch,
            uri(required(env, "AGENTMAIL_RABBITMQ_URI"), "AGENTMAIL_RABBITMQ_URI", "amqp", "amqps"),
            env.apply("AGENTMAIL_RABBITMQ_MANAGEMENT_URL")
                .map(url -> uri(url, "AGENTMAIL_RABBITMQ_MANAGEMENT_URL", "http", "https")));
        try {
            settings.james();
        } catch (IllegalArgumentException e) {
            // James's keyspace takes a suffix: a name our keyspace accepts may be too long for it.
            throw new IllegalArgumentException("AGENTMAIL_CASSANDRA_KEYSPACE: " + e.getMessage());
        }
        return settings;
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

    private static int replication(Function<String, Optional<String>> env) {
        String value = env.apply("AGENTMAIL_CASSANDRA_REPLICATION").orElse("1");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AGENTMAIL_CASSANDRA_REPLICATION must be a whole number, got '" + value + "'");
        }
    }

    private static String required(Function<String, Optional<String>> env, String name) {
        return env.apply(name).orElseThrow(() -> new IllegalArgumentException(name + " is needed with AGENTMAIL_STORAGE=distributed"));
    }

    private static URI uri(String value, String name, String... schemes) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !List.of(schemes).contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a " + String.join(" or ", schemes) + " URL with a host, got '"
                + value + "'");
        }
    }
}
