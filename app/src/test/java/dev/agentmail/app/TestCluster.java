package dev.agentmail.app;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Cassandra, OpenSearch and RabbitMQ that distributed servers in tests share: the ones `./agentmail test` starts
 * (AGENTMAIL_TEST_CASSANDRA, AGENTMAIL_TEST_OPENSEARCH, AGENTMAIL_TEST_RABBITMQ and its management URL), or else,
 * where a Docker engine runs, containers started once for the test JVM. Each {@link #newDeployment()} gets a keyspace
 * and index prefix of its own and a RabbitMQ virtual host of its own, so deployments never see each other's mail.
 */
final class TestCluster {
    private static final String CASSANDRA_IMAGE = "cassandra:5.0.5";
    private static final String OPENSEARCH_IMAGE = "opensearchproject/opensearch:2.4.0";
    private static final String RABBITMQ_IMAGE = "rabbitmq:3.9.18-management";

    private record Endpoints(String cassandra, String openSearch, URI rabbitMq, URI rabbitMqManagement) {
    }

    private static final Optional<Endpoints> ENDPOINTS = fromEnvironment().or(TestCluster::containersIfDocker);

    private TestCluster() {
    }

    private static Optional<Endpoints> fromEnvironment() {
        String cassandra = System.getenv("AGENTMAIL_TEST_CASSANDRA");
        String openSearch = System.getenv("AGENTMAIL_TEST_OPENSEARCH");
        String rabbitMq = System.getenv("AGENTMAIL_TEST_RABBITMQ");
        String management = System.getenv("AGENTMAIL_TEST_RABBITMQ_MANAGEMENT");
        if (cassandra == null || openSearch == null || rabbitMq == null || management == null) {
            return Optional.empty();
        }
        return Optional.of(new Endpoints(cassandra, openSearch, URI.create(rabbitMq), URI.create(management)));
    }

    @SuppressWarnings("resource") // the containers live as long as the test JVM; Testcontainers' reaper removes them
    private static Optional<Endpoints> containersIfDocker() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
        } catch (RuntimeException | NoClassDefFoundError noDocker) {
            return Optional.empty();
        }
        GenericContainer<?> cassandra = new GenericContainer<>(CASSANDRA_IMAGE).withExposedPorts(9042)
            .withEnv("MAX_HEAP_SIZE", "768m").withEnv("HEAP_NEWSIZE", "128m")
            .waitingFor(Wait.forLogMessage(".*Starting listening for CQL clients.*", 1)
                .withStartupTimeout(Duration.ofMinutes(3)));
        GenericContainer<?> openSearch = new GenericContainer<>(OPENSEARCH_IMAGE).withExposedPorts(9200)
            .withEnv("discovery.type", "single-node").withEnv("DISABLE_SECURITY_PLUGIN", "true")
            .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
            .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).withStartupTimeout(Duration.ofMinutes(3)));
        GenericContainer<?> rabbitMq = new GenericContainer<>(RABBITMQ_IMAGE).withExposedPorts(5672, 15672)
            .waitingFor(Wait.forHttp("/api/overview").forPort(15672).withBasicCredentials("guest", "guest")
                .withStartupTimeout(Duration.ofMinutes(2)));
        cassandra.start();
        openSearch.start();
        rabbitMq.start();
        return Optional.of(new Endpoints(
            cassandra.getHost() + ":" + cassandra.getMappedPort(9042),
            "http://" + openSearch.getHost() + ":" + openSearch.getMappedPort(9200),
            URI.create("amqp://guest:guest@" + rabbitMq.getHost() + ":" + rabbitMq.getMappedPort(5672)),
            URI.create("http://" + rabbitMq.getHost() + ":" + rabbitMq.getMappedPort(15672))));
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue(ENDPOINTS.isPresent(), "no Cassandra, OpenSearch and RabbitMQ for the distributed tests: "
            + "run them with ./agentmail test, which starts all three, or where a Docker engine runs");
    }

    /** The AGENTMAIL_* settings of a new, empty deployment on the shared servers, with its nodes' one secret key. */
    static Map<String, String> newDeployment() throws Exception {
        assumeAvailable();
        Endpoints endpoints = ENDPOINTS.get();
        String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        createVirtualHost(endpoints, name);
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_STORAGE", "distributed");
        env.put("AGENTMAIL_CASSANDRA_HOSTS", endpoints.cassandra());
        env.put("AGENTMAIL_CASSANDRA_KEYSPACE", name);
        env.put("AGENTMAIL_OPENSEARCH_URL", endpoints.openSearch());
        env.put("AGENTMAIL_RABBITMQ_URI", endpoints.rabbitMq() + "/" + name);
        env.put("AGENTMAIL_RABBITMQ_MANAGEMENT_URL", endpoints.rabbitMqManagement().toString());
        env.put("AGENTMAIL_SECRET_KEY_FILE", secretKeyFile().toString());
        return env;
    }

    private static Path secretKeyFile() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path file = Files.createTempFile("agentmail-secret", ".key",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file.toFile().deleteOnExit();
        return Files.write(file, key);
    }

    private static void createVirtualHost(Endpoints endpoints, String name) throws Exception {
        URI management = endpoints.rabbitMqManagement();
        String credentials = endpoints.rabbitMq().getRawUserInfo();
        String authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        String base = management.getScheme() + "://" + management.getHost() + ":" + management.getPort();
        String user = credentials.substring(0, credentials.indexOf(':'));
        HttpClient http = HttpClient.newHttpClient();
        for (HttpRequest request : new HttpRequest[] {
            HttpRequest.newBuilder(URI.create(base + "/api/vhosts/" + name)).header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(),
            HttpRequest.newBuilder(URI.create(base + "/api/permissions/" + name + "/" + user))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}")).build()}) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("RabbitMQ management answered " + response.statusCode() + " to "
                    + request.uri() + ": " + response.body());
            }
        }
    }
}
