package dev.agentmail.store.cassandra;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where our tables live: the contact points of the cluster, the keyspace (created at start when missing, with
 * {@code replicationFactor} copies by SimpleStrategy) and the data center whose nodes the driver talks to.
 */
public record CassandraConfiguration(List<InetSocketAddress> contactPoints, String keyspace, String localDatacenter,
                                     int replicationFactor) {
    public static final int DEFAULT_PORT = 9042;
    public static final String DEFAULT_DATACENTER = "datacenter1";
    /** Cassandra's longest keyspace name. */
    public static final int MAX_KEYSPACE_LENGTH = 48;
    /** CQL keeps unquoted names lower-case; anything else would need quoting everywhere. */
    private static final Pattern KEYSPACE = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_KEYSPACE_LENGTH - 1) + "}");

    public CassandraConfiguration {
        contactPoints = List.copyOf(contactPoints);
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("no Cassandra host given");
        }
        if (!isKeyspaceName(Objects.requireNonNull(keyspace, "keyspace"))) {
            throw new IllegalArgumentException("a keyspace name is lower-case letters, digits and _, at most "
                + MAX_KEYSPACE_LENGTH + ": " + keyspace);
        }
        Objects.requireNonNull(localDatacenter, "localDatacenter");
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("the replication factor must be at least 1");
        }
    }

    /** Whether Cassandra takes {@code name} as a keyspace name without quoting. */
    public static boolean isKeyspaceName(String name) {
        return KEYSPACE.matcher(name).matches();
    }

    /** @param hosts {@code host[:port]} separated by commas, the port 9042 when left out */
    public static List<InetSocketAddress> parseHosts(String hosts) {
        return Arrays.stream(hosts.split(","))
            .map(String::trim)
            .filter(host -> !host.isEmpty())
            .map(CassandraConfiguration::parseHost)
            .toList();
    }

    private static InetSocketAddress parseHost(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith("]")) {
            return new InetSocketAddress(unbracket(host), DEFAULT_PORT);
        }
        try {
            return new InetSocketAddress(unbracket(host.substring(0, colon)),
                Integer.parseInt(host.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a host:port: " + host);
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
