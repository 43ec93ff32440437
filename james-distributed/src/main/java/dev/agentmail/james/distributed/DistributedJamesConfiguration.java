package dev.agentmail.james.distributed;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where James's distributed stores live. James's tables go to their own keyspace, {@code keyspace + "_james"}: our
 * tables sit in {@code keyspace}, and James has tables of the same names as ours ({@code domains}).
 *
 * @param cassandraHosts         contact points of the Cassandra cluster
 * @param keyspace               our keyspace; James's is {@link #jamesKeyspace()}
 * @param localDatacenter        the data center whose nodes the driver talks to
 * @param replicationFactor      copies of each row, when the keyspace is created (SimpleStrategy)
 * @param rabbitMqUri            AMQP URI, {@code amqp://user:password@host:port[/vhost]}; its path names the virtual host
 * @param rabbitMqManagementUri  the management API, which James uses to list and purge queues
 * @param rabbitMqManagementUser user of the management API
 * @param rabbitMqManagementPassword its password
 */
public record DistributedJamesConfiguration(List<InetSocketAddress> cassandraHosts, String keyspace,
                                            String localDatacenter, int replicationFactor, URI rabbitMqUri,
                                            URI rabbitMqManagementUri, String rabbitMqManagementUser,
                                            String rabbitMqManagementPassword) {
    public static final int DEFAULT_MANAGEMENT_PORT = 15672;
    /** RabbitMQ's own default account, which only connects from localhost. */
    private static final String RABBITMQ_DEFAULT_USER = "guest";
    /** What James's keyspace adds to ours: the name Cassandra must accept is ours with this suffix. */
    public static final String JAMES_KEYSPACE_SUFFIX = "_james";

    public DistributedJamesConfiguration {
        cassandraHosts = List.copyOf(cassandraHosts);
        if (cassandraHosts.isEmpty()) {
            throw new IllegalArgumentException("no Cassandra host given");
        }
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(localDatacenter, "localDatacenter");
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("the replication factor must be at least 1");
        }
        Objects.requireNonNull(rabbitMqUri, "rabbitMqUri");
        if (!"amqp".equals(rabbitMqUri.getScheme()) && !"amqps".equals(rabbitMqUri.getScheme())) {
            throw new IllegalArgumentException("not an AMQP URI: " + rabbitMqUri);
        }
        Objects.requireNonNull(rabbitMqManagementUri, "rabbitMqManagementUri");
        Objects.requireNonNull(rabbitMqManagementUser, "rabbitMqManagementUser");
        Objects.requireNonNull(rabbitMqManagementPassword, "rabbitMqManagementPassword");
    }

    /**
     * The management API on the AMQP host at port 15672 (https for amqps), with the AMQP credentials: what a
     * RabbitMQ node with the management plugin offers unless told otherwise.
     */
    public static DistributedJamesConfiguration of(List<InetSocketAddress> cassandraHosts, String keyspace,
                                                   String localDatacenter, int replicationFactor, URI rabbitMqUri) {
        return new DistributedJamesConfiguration(cassandraHosts, keyspace, localDatacenter, replicationFactor,
            rabbitMqUri, defaultManagementUri(rabbitMqUri), userInfo(rabbitMqUri, 0).orElse(RABBITMQ_DEFAULT_USER),
            userInfo(rabbitMqUri, 1).orElse(RABBITMQ_DEFAULT_USER));
    }

    public DistributedJamesConfiguration withRabbitMqManagement(URI uri, String user, String password) {
        return new DistributedJamesConfiguration(cassandraHosts, keyspace, localDatacenter, replicationFactor,
            rabbitMqUri, uri, user, password);
    }

    /** James's keyspace. */
    public String jamesKeyspace() {
        return keyspace + JAMES_KEYSPACE_SUFFIX;
    }

    static URI defaultManagementUri(URI amqpUri) {
        String scheme = "amqps".equals(amqpUri.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + hostForUri(amqpUri.getHost()) + ":" + DEFAULT_MANAGEMENT_PORT);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Part {@code index} of {@code user:password}, percent-decoded (a URI's '+' is no space). */
    private static Optional<String> userInfo(URI uri, int index) {
        return Optional.ofNullable(uri.getRawUserInfo())
            .map(info -> info.split(":", 2))
            .filter(parts -> parts.length > index)
            .map(parts -> URLDecoder.decode(parts[index].replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "DistributedJamesConfiguration[cassandraHosts=" + cassandraHosts + ", keyspace=" + keyspace
            + ", localDatacenter=" + localDatacenter + ", replicationFactor=" + replicationFactor
            + ", rabbitMqUri=" + withoutUserInfo(rabbitMqUri) + ", rabbitMqManagementUri="
            + withoutUserInfo(rabbitMqManagementUri) + ", rabbitMqManagementUser=" + rabbitMqManagementUser + "]";
    }

    /** Keeps passwords out of logs. */
    public static String withoutUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }
}
