package dev.agentmail.store.opensearch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agentmail.domain.store.StorageException;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.rest_client.RestClientTransport;

import java.io.IOException;

/** A client of the cluster (the low-level REST client under opensearch-java, as in James), and our index names. */
public final class OpenSearchConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    private final RestClient restClient;
    private final OpenSearchClient client;
    private final String indexPrefix;

    private OpenSearchConnection(RestClient restClient, String indexPrefix) {
        this.restClient = restClient;
        this.client = new OpenSearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build())));
        this.indexPrefix = indexPrefix;
    }

    public static OpenSearchConnection open(OpenSearchConfiguration configuration) {
        RestClientBuilder builder = RestClient.builder(configuration.hosts().stream()
                .map(host -> new HttpHost(host.getHost(), host.getPort(), host.getScheme()))
                .toArray(HttpHost[]::new))
            .setRequestConfigCallback(request -> request.setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setSocketTimeout(SOCKET_TIMEOUT_MILLIS));
        configuration.user().ifPresent(user -> {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                new UsernamePasswordCredentials(user, configuration.password().orElseThrow()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        });
        return new OpenSearchConnection(builder.build(), configuration.indexPrefix());
    }

    public OpenSearchClient client() {
        return client;
    }

    /** The full name of one of our indexes. */
    public String index(String name) {
        return indexPrefix + name;
    }

    @Override
    public void close() {
        try {
            restClient.close();
        } catch (IOException e) {
            throw new StorageException("could not close the OpenSearch client", e);
        }
    }

    /** The message names the kind of failure and OpenSearch's reason, never a document's values. */
    static StorageException failure(Exception e) {
        String kind = e instanceof OpenSearchException search ? search.error().type() + ", status " + search.status()
            : e.getClass().getSimpleName();
        return new StorageException("OpenSearch operation failed (" + kind + ")", e);
    }
}
