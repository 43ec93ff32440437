package dev.agentmail.store.opensearch;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the index lives: the nodes' HTTP addresses, the prefix of our index names (several deployments may share a
 * cluster), and a user and password when the cluster's security plugin asks for them (basic authentication).
 */
public record OpenSearchConfiguration(List<URI> hosts, String indexPrefix, Optional<String> user,
                                      Optional<String> password) {
    public static final String DEFAULT_INDEX_PREFIX = "agentmail-";
    /** OpenSearch index names are lower-case and may not start with -, _ or +. */
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    public OpenSearchConfiguration {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no OpenSearch host given");
        }
        for (URI host : hosts) {
            if (!"http".equals(host.getScheme()) && !"https".equals(host.getScheme()) || host.getHost() == null) {
                throw new IllegalArgumentException("an OpenSearch host is http(s)://host[:port]: " + host);
            }
        }
        Objects.requireNonNull(indexPrefix, "indexPrefix");
        if (!PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("an index prefix is lower-case letters, digits, _, . and -, at most 100,"
                + " not starting with _, . or -: " + indexPrefix);
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("an OpenSearch user needs a password, and the other way round");
        }
    }

    public OpenSearchConfiguration(List<URI> hosts, String indexPrefix) {
        this(hosts, indexPrefix, Optional.empty(), Optional.empty());
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "OpenSearchConfiguration[hosts=" + hosts + ", indexPrefix=" + indexPrefix + ", user=" + user
            + ", password=" + (password.isPresent() ? "(set)" : "(none)") + "]";
    }

    /** @param hosts {@code http(s)://host:port} separated by commas */
    public static List<URI> parseHosts(String hosts) {
        return Arrays.stream(hosts.split(","))
            .map(String::trim)
            .filter(host -> !host.isEmpty())
            .map(URI::create)
            .toList();
    }
}
